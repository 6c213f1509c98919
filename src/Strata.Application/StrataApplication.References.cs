using System.Collections.Immutable;
using Strata.Application.Requests;
using Strata.Application.Results;
using Strata.Engine.Reference;
using Strata.Model.Diagnostics;

namespace Strata.Application;

// The public reference suite: profiles of real systems, each decided and compared with what the system chose.
public sealed partial class StrataApplication
{
    /// <summary>
    /// Decides every profile with a <c>reference:</c> block in <paramref name="directory"/> (in file-name order) and
    /// compares each answer with the real decision. Bad input when the directory is missing, a profile is broken or
    /// has no reference block (all of them reported at once).
    /// </summary>
    public Outcome<ReferenceSuite> CheckReferences(string directory, CatalogLocation catalog, string evidence = "sourced")
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            return Outcome.BadInput<ReferenceSuite>(RequestPart.Request, new Problem(ProblemCodes.NoSuchDirectory, Messages.NoReferenceDirectory(directory), directory));
        }
        var catalogue = LoadCatalog(catalog);
        if (catalogue.Value is null)
        {
            return catalogue.As<ReferenceSuite>();
        }
        var results = ImmutableArray.CreateBuilder<ReferenceResult>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var problems = new List<Problem>();
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var outcome = Decide(new DecisionRequest(ProfileSource.Path(file)) { Catalog = catalog, Evidence = evidence, AsOfReference = true });
            diagnostics.AddRange(outcome.Diagnostics);
            if (outcome.IsBadInput)
            {
                problems.AddRange(outcome.Problems);
                continue;
            }
            var decision = outcome.Value!;
            if (decision.Profile.Reference is not { } reference)
            {
                diagnostics.Add(new(new(file, 1, 1), Severity.Error, DiagnosticCodes.MissingField, Messages.NoReferenceBlock));
                continue;
            }
            results.Add(ReferenceCheck.Check(decision, reference));
        }
        if (diagnostics.Any(d => d.Severity == Severity.Error) || problems.Count > 0)
        {
            return Outcome.BadInput<ReferenceSuite>(RequestPart.Profile, diagnostics.ToImmutable(), [.. problems]);
        }
        return Outcome.Success(new ReferenceSuite(directory, results.ToImmutable()), diagnostics.ToImmutable());
    }
}
