using System.Reflection;
using System.Runtime.CompilerServices;

namespace Strata.Application.Tests;

/// <summary>Requests and results are immutable, so one request can be shared and one answer rendered many ways.</summary>
public class ImmutabilityTests
{
    [Fact]
    public void ApplicationTypes_ExposeNoMutableState()
    {
        var offenders = new List<string>();
        foreach (var type in typeof(StrataApplication).Assembly.GetExportedTypes().Where(t => !t.IsEnum))
        {
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (p.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
                {
                    offenders.Add($"{type.Name}.{p.Name} has a public setter");
                }
            }
            foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Where(f => !f.IsInitOnly && !f.IsLiteral))
            {
                offenders.Add($"{type.Name}.{f.Name} is a writable field");
            }
        }
        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void ApplicationAssembly_ReferencesNoTerminalOrRenderer()
    {
        var refs = typeof(StrataApplication).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        refs.ShouldNotContain("Spectre.Console");
        refs.ShouldNotContain("System.CommandLine");
        refs.ShouldNotContain("Strata.Rendering");
    }
}
