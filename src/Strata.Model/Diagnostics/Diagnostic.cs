namespace Strata.Model.Diagnostics;

public enum Severity { Error, Warning }

/// <summary>One problem in user input, with its place and a plain sentence. Codes are stable for scripts and tests.</summary>
public sealed record Diagnostic(SourceLocation Location, Severity Severity, string Code, string Message)
{
    public override string ToString() =>
        $"{Location}: {(Severity == Severity.Error ? "error" : "warning")}[{Code}]: {Message}";
}

/// <summary>The stable diagnostic codes.</summary>
public static class DiagnosticCodes
{
    public const string YamlSyntax = "yaml-syntax";
    public const string Limit = "limit";
    public const string TagNotAllowed = "tag-not-allowed";
    public const string UnknownField = "unknown-field";
    public const string MissingField = "missing-field";
    public const string WrongType = "wrong-type";
    public const string DuplicateKey = "duplicate-key";
    public const string BadQuantity = "bad-quantity";
    public const string UnknownUnit = "unknown-unit";
    public const string OutOfRange = "out-of-range";
    public const string UnknownWord = "unknown-word";
    public const string BadId = "bad-id";
    public const string DuplicateId = "duplicate-id";
    public const string DanglingReference = "dangling-reference";
    public const string Cycle = "cycle";
    public const string MissingProvenance = "missing-provenance";
    public const string ConflictingProvenance = "conflicting-provenance";
    public const string BadExpression = "bad-expression";
    public const string Inconsistent = "inconsistent";
    public const string Io = "io";
}
