using System.Text;

namespace Strata.Fleet.Tests;

/// <summary>Node objects and inventory files for tests, written as kubectl writes them.</summary>
internal static class Nodes
{
    public static string Node(string name, string arch = "amd64", string memory = "16Gi", string cpu = "8", string kernel = "5.15.0-105-generic",
        IEnumerable<(string Key, string Value)>? labels = null, string? gpus = null)
    {
        var l = new List<(string, string)> { ("kubernetes.io/arch", arch), ("kubernetes.io/hostname", name) };
        l.AddRange(labels ?? []);
        var labelJson = string.Join(",", l.Select(p => $"\"{p.Item1}\":\"{p.Item2}\""));
        var gpu = gpus is null ? "" : $",\"nvidia.com/gpu\":\"{gpus}\"";
        return $"{{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{{\"name\":\"{name}\",\"labels\":{{{labelJson}}}}}," +
            $"\"status\":{{\"capacity\":{{\"cpu\":\"{cpu}\",\"memory\":\"{memory}\",\"pods\":\"110\"{gpu}}},\"allocatable\":{{\"cpu\":\"{cpu}\",\"memory\":\"{memory}\"}}," +
            $"\"nodeInfo\":{{\"architecture\":\"{arch}\",\"kernelVersion\":\"{kernel}\",\"osImage\":\"Ubuntu 22.04.4 LTS\",\"containerRuntimeVersion\":\"containerd://1.7.20\"}}}}}}";
    }

    public static string NodeList(params string[] nodes) =>
        "{\n  \"apiVersion\": \"v1\",\n  \"items\": [\n" + string.Join(",\n", nodes) + "\n  ],\n  \"kind\": \"List\",\n  \"metadata\": {\"resourceVersion\": \"\"}\n}\n";

    public static readonly (string, string)[] Vmx = [("feature.node.kubernetes.io/cpu-cpuid.VMX", "true"), ("feature.node.kubernetes.io/cpu-cpuid.AVX2", "true")];

    public static readonly (string, string)[] NfdNoVirt = [("feature.node.kubernetes.io/cpu-cpuid.AVX2", "true"), ("feature.node.kubernetes.io/kernel-version.full", "5.15.0-105-generic")];

    public static readonly (string, string)[] A100 = [.. Vmx, ("nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB"), ("nvidia.com/mig.capable", "true"), ("nvidia.com/gpu.count", "8"), ("feature.node.kubernetes.io/pci-10de.present", "true")];

    /// <summary>A file in a fresh temporary directory (deleted with the directory when the test's <see cref="TempDir"/> is disposed).</summary>
    public static string Write(TempDir dir, string name, string content)
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}

internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("strata-fleet-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
