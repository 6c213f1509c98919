namespace Strata.Model.Quantities;

/// <summary>The outcome of parsing user text: a value, or a plain-sentence error. Never throws for bad text.</summary>
public readonly struct ParseResult<T>
{
    private readonly T? _value;

    private ParseResult(T? value, string? error)
    {
        _value = value;
        Error = error;
    }

    public bool Success => Error is null;
    public string? Error { get; }

    public T Value => Success ? _value! : throw new InvalidOperationException($"Parse failed: {Error}");

    public static ParseResult<T> Ok(T value) => new(value, null);
    public static ParseResult<T> Fail(string error) => new(default, error);
}
