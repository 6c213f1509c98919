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
