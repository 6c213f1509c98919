using System.CommandLine;

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
