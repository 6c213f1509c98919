namespace Strata.Model.Diagnostics;

/// <summary>Where something was written: a file and a 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
