using System.CommandLine;
using Strata.Engine;

namespace Strata.Cli.Commands;

/// <summary>Options shared by several commands, created once so every command spells them the same.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Catalog = new("--catalog")
    {
        Description = "Use the catalogue in DIR instead of the bundled one (a catalogue whose catalog.yaml says 'extends: bundled' adds to it).",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <summary>A fresh --evidence option for one command.</summary>
    public static Option<string> Evidence()
    {
        var o = new Option<string>("--evidence")
        {
            Description = "Which figure decides when a technology has several: 'sourced' (default: a primary source over the seed, " +
                "a measurement over both), 'seed' (the seeds' own figures, to reproduce their answers), 'measured' (like sourced, " +
                "and says which decisive facts were not measured).",
            DefaultValueFactory = _ => "sourced",
            HelpName = "POLICY",
        };
        o.AcceptOnlyFromAmong([.. Strata.Engine.Evidence.FactSelector.Names]);
        return o;
    }

    /// <summary>An engine that reads figures under the evidence policy the command was given.</summary>
    public static DecisionEngine Engine(ParseResult parse, Option<string> evidence, Model.Entities.Catalog catalog) =>
        new(catalog) { Facts = Strata.Engine.Evidence.FactSelector.For(parse.GetValue(evidence)!) };

    /// <summary>Today as YYYY-MM-DD, the date a report, a radar, a probe or a measurement is stamped with by default.</summary>
    public static string Today => DateTime.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A fresh --date option (YYYY-MM-DD, checked); the command uses <see cref="Today"/> when it is not given.</summary>
    public static Option<string?> Date(string what)
    {
        var o = new Option<string?>("--date") { Description = $"{what} (YYYY-MM-DD); default today. Give it to get the same bytes every time.", HelpName = "DATE" };
        o.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } day && !DateOnly.TryParseExact(day, "yyyy-MM-dd", out _))
            {
                r.AddError($"--date '{day}' is not a date YYYY-MM-DD.");
            }
        });
        return o;
    }

    /// <summary>A fresh -o option for one command (an option object belongs to one command).</summary>
    public static Option<string> Output(params string[] formats)
    {
        var o = new Option<string>("--output", "-o")
        {
            Description = $"Output format: {string.Join(" or ", formats)}.",
            DefaultValueFactory = _ => formats[0],
            HelpName = "FORMAT",
        };
        o.AcceptOnlyFromAmong(formats);
        return o;
    }
}
