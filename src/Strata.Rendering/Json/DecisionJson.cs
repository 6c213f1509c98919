using System.Text.Json;
using Strata.Engine.Decisions;
using Strata.Model.Entities;
using Strata.Rendering.Text;

namespace Strata.Rendering.Json;

/// <summary>
/// The JSON of a decision. Contract (tools outside the project read it; keep these names, add freely):
/// profile, catalog {version, digest}, ranking [{rank, stack, score, criteria, verdict}],
/// eliminated [{technology, layer, constraint, expected, actual, verdict}], derived [...].
/// </summary>
public static class DecisionJson
{
    public static void Write(TextWriter w, Decision d, int top, Engine.Planning.ImplementationPlan? plan = null) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        if (plan is not null)
        {
            WritePlan(j, plan);
        }
        j.WriteString("profile", d.Profile.Name);
        if (d.Profile.Scenario is { } s)
        {
            j.WriteString("scenario", s);
        }
        j.WriteStartObject("catalog");
        j.WriteString("name", d.CatalogName);
        j.WriteString("version", d.CatalogVersion);
        j.WriteString("digest", d.CatalogDigest);
        j.WriteEndObject();
        j.WriteString("evidence", d.EvidencePolicy);
        j.WriteObjects("decisive_facts", d.DecisiveFacts, f =>
        {
            j.WriteString("technology", f.Technology);
            j.WriteString("used_for", f.UsedFor);
            j.WriteBoolean("flagged", f.Flagged);
            j.WritePropertyName("fact");
            CatalogJson.WriteFact(j, f.Fact);
        });
        j.WriteBoolean("feasible", d.Feasible);
        j.WriteBoolean("strict", d.Strict);
        j.WriteStrings("warnings", DecisionText.Warnings(d));
        j.WriteStrings("layers", d.Requirements.Layers);

        j.WriteStartObject("weights");
        j.WriteString("source", d.Weights.Source);
        j.WriteBoolean("normalised", d.Weights.WasNormalised);
        WriteNumbers(j, "given", d.Weights.Given);
        WriteNumbers(j, "values", d.Weights.Normalised);
        if (d.Weights.Statements is { } st)
        {
            j.WriteString("point_estimate", d.Weights.PointEstimate);
            j.WriteStartObject("statements");
            j.WriteString("text", st.ToString());
            j.WriteBoolean("partial", st.IsPartial);
            if (!st.Order.IsEmpty)
            {
                j.WriteStartArray("order");
                foreach (var g in st.Order)
                {
                    j.WriteStartArray();
                    foreach (var c in g)
                    {
                        j.WriteStringValue(c);
                    }
                    j.WriteEndArray();
                }
                j.WriteEndArray();
            }
            if (!st.Swing.IsEmpty)
            {
                WriteNumbers(j, "swing", st.Swing);
            }
            if (!st.Bounds.IsEmpty)
            {
                j.WriteStrings("bounds", st.Bounds.Select(b => b.ToString()));
            }
            j.WriteEndObject();
        }
        j.WriteEndObject();
        if (d.Chosen is { } chosen)
        {
            j.WriteStartObject("chosen");
            WriteStack(j, "stack", chosen.Stack);
            j.WriteString("by", d.ChosenAcceptability is null ? "table" : "first-rank-acceptability");
            j.WriteBoolean("differs_from_table", d.ChosenDiffersFromTable);
            if (d.ChosenAcceptability is { } ca)
            {
                j.WriteNumber("first_rank_acceptability", Round(ca.RankProbabilities[0]));
            }
            if (DecisionText.ChosenBecause(d) is { } because)
            {
                j.WriteString("because", because);
            }
            j.WriteEndObject();
        }

        j.WriteObjects("requirements", d.Requirements.Constraints.Values, c =>
        {
            j.WriteString("constraint", c.Field);
            j.WriteString("value", c.Value.Display());
            j.WriteString("origin", c.Origin.ToString());
        });

        j.WriteObjects("derived", d.Requirements.Derived, r =>
        {
            j.WriteString("rule", r.Rule);
            j.WriteString("when", r.Condition);
            j.WriteString("adds", r.Adds);
            CatalogJson.WriteProvenance(j, r.Provenance);
            if (r.Note is { } n)
            {
                j.WriteString("note", n);
            }
        });

        j.WriteNumber("combinations", d.CombinationsConsidered);
        j.WriteStartObject("search");
        j.WriteString("method", d.Search);
        j.WriteNumber("total_combinations", d.TotalCombinations);
        j.WriteNumber("nodes", d.SearchNodes);
        j.WriteBoolean("complete", d.SearchComplete);
        j.WriteEndObject();
        j.WriteNumber("feasible_stacks", d.Ranking.Length);
        j.WriteStartArray("ranking");
        foreach (var r in d.Ranking.Take(top))
        {
            WriteRanked(j, r);
        }
        j.WriteEndArray();

        j.WriteObjects("eliminated", d.Eliminated, e =>
        {
            j.WriteString("technology", e.Technology);
            j.WriteString("layer", e.Layer);
            j.WriteString("constraint", e.Constraint);
            j.WriteString("expected", e.Expected);
            j.WriteString("actual", e.Actual);
            j.WriteString("verdict", Name(e.Verdict));
            j.WriteString("reason", e.Reason);
            if (e.Provenance is { } p)
            {
                CatalogJson.WriteProvenance(j, p);
            }
            if (e.Status is { } st)
            {
                j.WriteString("status", DecisionText.Status(st));
            }
        });

        j.WriteObjects("rejected_combinations", d.Rejected, r =>
        {
            j.WriteString("rule", r.Rule);
            j.WriteString("kind", r.Kind);
            j.WriteString("subject", r.Subject);
            j.WriteString("reason", r.Reason);
            j.WriteNumber("count", r.Count);
            WriteStack(j, "example", r.Example);
            if (r.Provenance is { } p)
            {
                CatalogJson.WriteProvenance(j, p);
            }
        });

        j.WriteObjects("conflicts", d.Conflicts, c =>
        {
            j.WriteString("layer", c.Layer);
            j.WriteStrings("constraints", c.Constraints);
            j.WriteString("summary", c.Summary);
        });

        j.WriteObjects("explanation", d.Explanations, c =>
        {
            j.WriteString("layer", c.Layer);
            WriteStack(j, "winner", c.Winner);
            WriteStack(j, "other", c.Other);
            j.WriteNumber("other_rank", c.OtherRank);
            j.WriteNumber("margin", Round(c.Margin));
            j.WriteObjects("criteria", c.Deltas, delta =>
            {
                j.WriteString("criterion", delta.Criterion);
                j.WriteNumber("weight", Round(delta.Weight));
                j.WriteNumber("winner", Round(delta.Winner));
                j.WriteNumber("other", Round(delta.Other));
                j.WriteNumber("contribution", Round(delta.Contribution));
            });
        });

        j.WriteStrings("ties", d.Ties.Select(DecisionText.Tie));
        if (d.TopTie is { } tie)
        {
            j.WriteStartObject("tie_at_top");
            j.WriteNumber("first_rank", tie.FirstRank);
            j.WriteNumber("last_rank", tie.LastRank);
            j.WriteNumber("score", Round(tie.Score));
            j.WriteStrings("layers", tie.Layers);
            j.WriteStrings("separators", d.TieSeparators);
            j.WriteStrings("ordered_by", tie.OrderedBy);
            j.WriteNumber("still_tied", tie.Residual);
            j.WriteEndObject();
        }
        else
        {
            j.WriteNull("tie_at_top");
        }
        j.WriteObjects("layer_reasons", d.LayerReasons, r =>
        {
            j.WriteString("layer", r.Layer);
            j.WriteString("chosen", r.Chosen);
            j.WriteString("kind", r.Kind);
            if (r.RunnerUp is { } ru)
            {
                j.WriteString("runner_up", ru);
            }
            j.WriteStrings("because", r.Because);
        });
        j.WriteObjects("coverage", d.Coverage, c =>
        {
            j.WriteString("criterion", c.Criterion);
            j.WriteNumber("weight", Round(c.Weight));
            j.WriteNumber("stacks", c.Stacks);
            j.WriteNumber("complete", c.Complete);
            j.WriteBoolean("low", c.Low);
            j.WriteStrings("missing", c.Missing);
        });
        j.WriteStrings("inapplicable_criteria", d.InapplicableCriteria);

        if (d.Robustness is { } rob)
        {
            WriteRobustness(j, rob);
        }
        j.WriteObjects("relaxations", d.Relaxations, r =>
        {
            j.WriteStrings("relax", r.Relax);
            j.WriteStartArray("admits");
            for (var i = 0; i < r.Admits.Length; i++)
            {
                j.WriteStartObject();
                WriteStack(j, "stack", r.Admits[i]);
                j.WriteNumber("score", Round(r.Scores[i]));
                j.WriteEndObject();
            }
            j.WriteEndArray();
        });

        j.WriteObjects("trees", d.Trees, t =>
        {
            j.WriteString("tree", t.Tree);
            WriteStack(j, "outcome", t.Outcome);
            if (t.AgreesWithWinner is { } agrees)
            {
                j.WriteBoolean("agrees", agrees);
            }
            j.WriteObjects("disagreements", t.Disagreements, dis =>
            {
                j.WriteString("layer", dis.Layer);
                j.WriteStrings("tree_says", dis.TreeSays);
                j.WriteString("scoring_chose", dis.ScoringChose);
                j.WriteString("why", dis.Why);
            });
            WritePath(j, t.Path);
        });
        j.WriteEndObject();
    });

    private static void WritePlan(Utf8JsonWriter j, Engine.Planning.ImplementationPlan plan)
    {
        j.WriteStartObject("plan");
        WriteStack(j, "stack", plan.Stack);
        j.WriteStrings("network", plan.Network);
        j.WriteStrings("security", plan.Security);
        j.WriteStartObject("budget");
        j.WriteString("runtime_overhead", plan.Budget.RuntimeOverhead);
        j.WriteString("control_plane", plan.Budget.ControlPlane);
        if (plan.Budget.WorkloadMemoryOnSmallestNode is { } mem)
        {
            j.WriteString("workload_memory_on_smallest_node", mem);
        }
        if (plan.Budget.WorkloadCpusOnSmallestNode is { } cpus)
        {
            j.WriteString("workload_cpus_on_smallest_node", cpus);
        }
        j.WriteEndObject();
        j.WriteObjects("validation", plan.Validation, v =>
        {
            j.WriteString("constraint", v.Constraint);
            j.WriteString("target", v.Target);
            j.WriteString("technology", v.Technology);
            j.WriteString("actual", v.Actual);
            j.WriteString("verdict", Name(v.Verdict));
            if (v.Provenance is { } p)
            {
                CatalogJson.WriteProvenance(j, p);
            }
        });
        if (plan.RunnerUp is { } ru)
        {
            WriteStack(j, "runner_up", ru);
        }
        j.WriteObjects("cost", plan.Cost, c =>
        {
            j.WriteString("resource", c.Resource);
            j.WriteString("chosen", c.Winner);
            j.WriteString("runner_up", c.RunnerUp);
            if (c.Ratio is { } r)
            {
                j.WriteNumber("ratio", Round(r));
            }
        });
        j.WriteEndObject();
    }

    private static void WriteRobustness(Utf8JsonWriter j, Engine.Robustness.RobustnessReport rob)
    {
        j.WriteStartObject("robustness");
        j.WriteObjects("weight_stability", rob.WeightStability, w =>
        {
            j.WriteString("criterion", w.Criterion);
            j.WriteNumber("weight", Round(w.Weight));
            j.WriteNumber("low", Round(w.Low));
            j.WriteNumber("high", Round(w.High));
            if (w.Below is { } below)
            {
                WriteStack(j, "below", below);
            }
            else
            {
                j.WriteNull("below");
            }
            if (w.Above is { } above)
            {
                WriteStack(j, "above", above);
            }
            else
            {
                j.WriteNull("above");
            }
        });
        if (rob.MonteCarlo is { } mc)
        {
            j.WriteNumber("samples", mc.Samples);
            j.WriteNumber("seed", mc.Seed);
            j.WriteBoolean("sampled_weights", mc.SampledWeights);
            j.WriteString("model", mc.Model);
            j.WriteNumber("candidates", mc.Candidates);
            j.WriteNumber("winner_confidence", Round(mc.WinnerConfidence));
            if (mc.WeightSpace is { } space)
            {
                j.WriteString("weight_space", space.ToString());
            }
            j.WriteObjects("acceptability", mc.Acceptability, a =>
            {
                WriteStack(j, "stack", a.Stack);
                j.WriteStartArray("rank_probabilities");
                foreach (var p in a.RankProbabilities)
                {
                    j.WriteNumberValue(Round(p));
                }
                j.WriteEndArray();
                if (a.CentralWeights is { } cw)
                {
                    j.WriteStartObject("central_weights");
                    foreach (var (k, v) in cw)
                    {
                        j.WriteNumber(k, Round(v));
                    }
                    j.WriteEndObject();
                }
                if (a.Confidence is { } cf)
                {
                    j.WriteNumber("confidence_factor", Round(cf));
                }
            });
        }
        if (rob.AllStacks is { } all)
        {
            j.WriteStartObject("all_stacks");
            j.WriteNumber("stacks", all.Stacks);
            j.WriteNumber("samples", all.Samples);
            j.WriteNumber("seed", all.Seed);
            j.WriteString("model", all.Model);
            j.WriteObjects("first_rank", all.Winners, w =>
            {
                WriteStack(j, "stack", w.Stack);
                j.WriteNumber("probability", Round(w.Probability));
            });
            j.WriteEndObject();
        }
        j.WriteEndObject();
        j.WriteNumber("pareto_count", rob.ParetoCount);
        j.WriteObjects("pareto", rob.Pareto, p =>
        {
            foreach (var (layer, ids) in p.Layers)
            {
                j.WriteString(layer, ids[0]);
            }
        });
        if (rob.Methods is { } m)
        {
            j.WriteStartObject("methods");
            WriteStack(j, "wsm", m.WeightedSum);
            WriteStack(j, "topsis", m.Topsis);
            j.WriteBoolean("agree", m.Agree);
            j.WriteEndObject();
        }
    }

    private static void WriteRanked(Utf8JsonWriter j, RankedStack r)
    {
        j.WriteStartObject();
        j.WriteNumber("rank", r.Rank);
        WriteStack(j, "stack", r.Stack);
        j.WriteNumber("score", Round(r.Score));
        j.WriteString("verdict", Name(r.Verdict));
        j.WriteStartObject("criteria");
        foreach (var c in r.Criteria)
        {
            j.WriteNumber(c.Criterion, Round(c.Value));
        }
        j.WriteEndObject();
        j.WriteStartObject("contributions");
        foreach (var c in r.Criteria.Where(c => c.Weight > 0))
        {
            j.WriteNumber(c.Criterion, Round(c.Contribution));
        }
        j.WriteEndObject();
        j.WriteStrings("no_data", r.Criteria.Where(c => c.NoData).Select(c => c.Criterion));
        j.WriteStartObject("missing");
        foreach (var c in r.Criteria.Where(c => !c.Missing.IsEmpty))
        {
            j.WriteStrings(c.Criterion, c.Missing);
        }
        j.WriteEndObject();
        j.WriteStrings("not_applicable", r.Criteria.Where(c => !c.Applies).Select(c => c.Criterion));
        j.WriteStartArray("facts");
        foreach (var c in r.Criteria.Where(c => c.Weight > 0))
        {
            foreach (var u in c.Facts)
            {
                j.WriteStartObject();
                j.WriteString("criterion", c.Criterion);
                j.WriteString("technology", u.Technology);
                j.WritePropertyName("fact");
                CatalogJson.WriteFact(j, u.Fact);
                j.WriteEndObject();
            }
        }
        j.WriteEndArray();
        j.WriteObjects("caveats", r.Caveats, m =>
        {
            j.WriteString("technology", m.Technology);
            j.WriteString("constraint", m.Constraint);
            j.WriteString("expected", m.Expected);
            j.WriteString("actual", m.Actual);
            j.WriteString("verdict", Name(m.Verdict));
        });
        j.WriteObjects("stack_figures", r.StackMatches, m =>
        {
            j.WriteString("constraint", m.Constraint);
            j.WriteString("expected", m.Expected);
            j.WriteString("actual", m.Actual);
            j.WriteString("verdict", Name(m.Verdict));
            if (m.Fact is { } f)
            {
                j.WritePropertyName("fact");
                CatalogJson.WriteFact(j, f);
            }
        });
        j.WriteObjects("supporting", r.Supporting, s =>
        {
            j.WriteString("technology", s.Technology);
            j.WriteString("for", s.For);
            j.WriteString("rule", s.Rule);
            j.WriteString("kind", s.Kind);
        });
        j.WriteEndObject();
    }

    /// <summary>A tree walk: each node, its question, the condition taken and the result.</summary>
    public static void WritePath(Utf8JsonWriter j, IEnumerable<TreeStep> path)
    {
        j.WriteObjects("path", path, s =>
        {
            j.WriteString("node", s.Node);
            if (s.Question is { } q)
            {
                j.WriteString("question", q);
            }
            if (s.Condition is { } c)
            {
                j.WriteString("condition", c);
            }
            j.WriteString("result", s.Truth);
        });
    }

    public static void WriteStack(Utf8JsonWriter j, string name, Stack stack)
    {
        j.WriteStartObject(name);
        foreach (var (layer, ids) in stack.Layers)
        {
            if (ids.Length == 1)
            {
                j.WriteString(layer, ids[0]);
            }
            else
            {
                j.WriteStrings(layer, ids);
            }
        }
        j.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter j, string name, IEnumerable<KeyValuePair<string, double>> values)
    {
        j.WriteStartObject(name);
        foreach (var (k, v) in values)
        {
            j.WriteNumber(k, Round(v));
        }
        j.WriteEndObject();
    }

    /// <summary>Six decimals: enough for any ranking, and the same bytes on every run and machine.</summary>
    public static double Round(double v) => Math.Round(v, 6, MidpointRounding.AwayFromZero);

    public static string Name(Verdict v) => DecisionText.Name(v);
}
