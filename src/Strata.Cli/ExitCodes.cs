namespace Strata.Cli;

/// <summary>What the process's exit code means. Stable: scripts and CI depend on it.</summary>
public static class ExitCodes
{
    /// <summary>Done; the answer is yes.</summary>
    public const int Ok = 0;

    /// <summary>Done, and the answer is a domain "no" (nothing feasible, a defect found).</summary>
    public const int No = 1;

    /// <summary>Bad input: a catalogue, profile or command line that cannot be used. Nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>A fault inside Strata. Please report it.</summary>
    public const int InternalError = 70;
}
