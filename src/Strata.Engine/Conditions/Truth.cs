namespace Strata.Engine.Conditions;

/// <summary>Kleene three-valued logic: a profile that does not say something makes a condition unknown, not false.</summary>
public enum Truth { False, Unknown, True }

public static class TruthLogic
{
    public static Truth And(Truth a, Truth b) => (Truth)Math.Min((int)a, (int)b);
    public static Truth Or(Truth a, Truth b) => (Truth)Math.Max((int)a, (int)b);
    public static Truth Not(Truth a) => (Truth)(2 - (int)a);
    public static Truth Of(bool b) => b ? Truth.True : Truth.False;
}
