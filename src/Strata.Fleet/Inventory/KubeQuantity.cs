using System.Globalization;

namespace Strata.Fleet.Inventory;

/// <summary>
/// Kubernetes resource quantities as the API writes them (k8s.io/apimachinery resource.Quantity): a decimal number
/// with a binary suffix (Ki, Mi, Gi, Ti, Pi, Ei), a decimal SI suffix (n, u, m, k, M, G, T, P, E) or an exponent (1e3).
/// </summary>
public static class KubeQuantity
{
    /// <summary>The quantity's value in base units (bytes for memory, cores for cpu); false for text that is not a quantity.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        text = text.Trim();
        if (text.IsEmpty || text.Length > 64)
        {
            return false;
        }
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or '+' or '-'))
        {
            end++;
        }
        if (end == 0)
        {
            return false;
        }
        var suffix = text[end..];
        double factor;
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E' && int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exp) && exp is >= -30 and <= 30)
        {
            factor = Math.Pow(10, exp);
        }
        else
        {
            factor = suffix switch
            {
                "" => 1,
                "Ki" => 1024d,
                "Mi" => 1024d * 1024,
                "Gi" => 1024d * 1024 * 1024,
                "Ti" => 1024d * 1024 * 1024 * 1024,
                "Pi" => 1024d * 1024 * 1024 * 1024 * 1024,
                "Ei" => 1024d * 1024 * 1024 * 1024 * 1024 * 1024,
                "n" => 1e-9,
                "u" => 1e-6,
                "m" => 1e-3,
                "k" => 1e3,
                "M" => 1e6,
                "G" => 1e9,
                "T" => 1e12,
                "P" => 1e15,
                "E" => 1e18,
                _ => 0,
            };
            if (factor == 0)
            {
                return false;
            }
        }
        if (!double.TryParse(text[..end], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < 0)
        {
            return false;
        }
        value = number * factor;
        return double.IsFinite(value);
    }
}
