using System.Reflection;
using System.Runtime.CompilerServices;

namespace Strata.Model.Tests;

/// <summary>The model is immutable: no public setter other than init, no public writable field.</summary>
public class ImmutabilityTests
{
    [Fact]
    public void ModelTypes_ExposeNoMutableState()
    {
        var offenders = new List<string>();
        foreach (var type in typeof(Strata.Model.Quantities.Quantity).Assembly.GetExportedTypes().Where(t => !t.IsEnum))
        {
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                var setter = p.SetMethod;
                if (setter is { IsPublic: true } && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
                {
                    offenders.Add($"{type.Name}.{p.Name} has a public setter");
                }
            }
            foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (!f.IsInitOnly && !f.IsLiteral)
                {
                    offenders.Add($"{type.Name}.{f.Name} is a writable field");
                }
            }
        }
        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void ModelAssembly_ReferencesNoIoLibraries()
    {
        var refs = typeof(Strata.Model.Quantities.Quantity).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        refs.ShouldNotContain("YamlDotNet");
        refs.ShouldNotContain("Strata.Catalog");
    }
}
