using System.Globalization;
using System.Text.Json;

namespace Strata.Fleet.Synth;

/// <summary>
/// A made-up but realistic heterogeneous fleet as a v1 NodeList, written node by node (memory does not grow with N),
/// the same bytes for the same seed: arm64 edge boxes (512 MiB-4 GiB, NFD on most, no VMX/SVM), x86 servers with and
/// without KVM (bare metal with VMX or SVM; cloud VMs without nested virtualisation), GPU nodes (MIG-capable A100 and
/// H100, older T4) with GPU feature discovery's labels, and small VMs without NFD. Kernels 4.19 to 6.8; capacities as
/// the kubelet reports them (memory in Ki, a little under the board's size; allocatable less the reservations).
/// The first three x86 servers of each zone run the control plane, labelled and tainted as kubeadm does
/// (node-role.kubernetes.io/control-plane); every other node, the arm64 edge boxes included, is an agent whose control
/// plane is in a data centre. Choosing them takes nothing from the generator, so the other nodes do not change.
/// </summary>
public static class NodeListSynth
{
    private static readonly string[] EdgeKernels = ["4.19.0-26-arm64", "5.4.0-1103-raspi", "5.10.0-28-arm64", "5.15.0-1046-raspi", "6.1.0-18-arm64", "6.6.31+rpt-rpi-v8"];
    private static readonly string[] ServerKernels = ["4.19.0-26-amd64", "5.4.0-174-generic", "5.10.0-28-amd64", "5.15.0-105-generic", "6.1.0-21-amd64", "6.5.0-1020-aws", "6.8.0-40-generic"];
    private static readonly string[] Zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c", "us-east-1a", "us-east-1b", "ap-southeast-1a"];
    private static readonly string[] IntelFlags = ["ADX", "AESNI", "AVX", "AVX2", "AVX512BW", "AVX512F", "FMA3", "VMX"];
    private static readonly string[] AmdFlags = ["ADX", "AESNI", "AVX", "AVX2", "FMA3", "SVM"];
    private static readonly string[] ArmFlags = ["AES", "ASIMD", "CRC32", "EVTSTRM", "FP", "PMULL", "SHA1", "SHA2"];

    private sealed record Gpu(string Product, int Count, bool Mig, string MemoryMiB, string Family);

    private static readonly Gpu[] Gpus =
    [
        new("NVIDIA-A100-SXM4-80GB", 8, true, "81920", "ampere"),
        new("NVIDIA-H100-80GB-HBM3", 8, true, "81559", "hopper"),
        new("Tesla-T4", 1, false, "15360", "turing"),
        new("Tesla-T4", 4, false, "15360", "turing"),
    ];

    public static void Write(Stream output, int nodes, int seed, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(nodes);
        var random = new Random(seed);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented, SkipValidation = false });
        w.WriteStartObject();
        w.WriteString("apiVersion", "v1");
        w.WritePropertyName("items");
        w.WriteStartArray();
        var servers = new int[Zones.Length];
        for (var i = 0; i < nodes; i++)
        {
            WriteNode(w, random, i, servers);
            if (w.BytesPending > 1 << 16)
            {
                w.Flush();
            }
        }
        w.WriteEndArray();
        w.WriteString("kind", "List");
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", "");
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
    }

    private const int ServersPerZone = 3;

    private static void WriteNode(Utf8JsonWriter w, Random r, int i, int[] servers)
    {
        var roll = r.NextDouble();
        var kind = roll < 0.45 ? "edge" : roll < 0.75 ? "server" : roll < 0.90 ? "gpu" : "vm";
        var name = kind switch
        {
            "edge" => $"edge-{i:D7}",
            "server" => $"worker-{i:D7}",
            "gpu" => $"gpu-{i:D7}",
            _ => $"vm-{i:D7}",
        };
        var arm = kind == "edge";
        var boardMiB = kind switch
        {
            "edge" => new[] { 512, 1024, 2048, 4096 }[r.Next(4)],
            "server" => new[] { 16, 32, 64, 128, 256 }[r.Next(5)] * 1024,
            "gpu" => new[] { 256, 512, 1024, 2048 }[r.Next(4)] * 1024,
            _ => new[] { 4, 8 }[r.Next(2)] * 1024,
        };
        // MemTotal is the board less what firmware and the kernel keep: 3-8 % on small boards, about 1.5 % on servers.
        var reserved = boardMiB <= 4096 ? 0.03 + (r.NextDouble() * 0.05) : 0.015;
        var memKi = (long)(boardMiB * 1024L * (1 - reserved)) - r.Next(4096);
        var cpus = kind switch
        {
            "edge" => 4,
            "server" => new[] { 8, 16, 32, 64 }[r.Next(4)],
            "gpu" => new[] { 64, 96, 128 }[r.Next(3)],
            _ => new[] { 2, 4 }[r.Next(2)],
        };
        var kernel = arm ? EdgeKernels[r.Next(EdgeKernels.Length)] : ServerKernels[r.Next(ServerKernels.Length)];
        var nfd = kind switch { "edge" => r.NextDouble() < 0.7, "vm" => false, _ => r.NextDouble() < 0.92 };
        var amd = !arm && r.NextDouble() < 0.4;
        // Cloud VMs without nested virtualisation show the CPU's flags less VMX/SVM.
        var kvm = kind == "gpu" || (kind == "server" && r.NextDouble() < 0.7);
        var gpu = kind == "gpu" ? Gpus[r.Next(Gpus.Length)] : null;
        var zoneIndex = r.Next(Zones.Length);
        var zone = Zones[zoneIndex];
        var controlPlane = kind == "server" && servers[zoneIndex] < ServersPerZone;
        if (controlPlane)
        {
            servers[zoneIndex]++;
        }
        var os = arm ? (kernel.Contains("raspi", StringComparison.Ordinal) ? "Ubuntu 22.04.4 LTS" : "Debian GNU/Linux 12 (bookworm)")
            : kernel.StartsWith("4.19", StringComparison.Ordinal) ? "Debian GNU/Linux 10 (buster)" : "Ubuntu 22.04.4 LTS";

        w.WriteStartObject();
        w.WriteString("apiVersion", "v1");
        w.WriteString("kind", "Node");
        w.WriteStartObject("metadata");
        w.WriteStartObject("annotations");
        w.WriteString("node.alpha.kubernetes.io/ttl", "0");
        w.WriteString("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        w.WriteEndObject();
        w.WriteString("creationTimestamp", "2026-06-01T08:00:00Z");
        w.WriteStartObject("labels");
        w.WriteString("beta.kubernetes.io/arch", arm ? "arm64" : "amd64");
        w.WriteString("beta.kubernetes.io/os", "linux");
        if (nfd)
        {
            var flags = arm ? ArmFlags : amd ? AmdFlags : IntelFlags;
            foreach (var f in flags)
            {
                if ((f is "VMX" or "SVM") && !kvm)
                {
                    continue;
                }
                w.WriteString($"feature.node.kubernetes.io/cpu-cpuid.{f}", "true");
            }
            w.WriteString("feature.node.kubernetes.io/cpu-hardware_multithreading", arm ? "false" : "true");
            w.WriteString("feature.node.kubernetes.io/cpu-model.vendor_id", arm ? "ARM" : amd ? "AMD" : "Intel");
            var (maj, min, rev) = KernelParts(kernel);
            w.WriteString("feature.node.kubernetes.io/kernel-version.full", kernel);
            w.WriteString("feature.node.kubernetes.io/kernel-version.major", maj);
            w.WriteString("feature.node.kubernetes.io/kernel-version.minor", min);
            w.WriteString("feature.node.kubernetes.io/kernel-version.revision", rev);
            if (gpu is not null)
            {
                w.WriteString("feature.node.kubernetes.io/pci-10de.present", "true");
            }
            w.WriteString("feature.node.kubernetes.io/system-os_release.ID", os.StartsWith("Ubuntu", StringComparison.Ordinal) ? "ubuntu" : "debian");
        }
        w.WriteString("kubernetes.io/arch", arm ? "arm64" : "amd64");
        w.WriteString("kubernetes.io/hostname", name);
        w.WriteString("kubernetes.io/os", "linux");
        if (kind == "edge")
        {
            w.WriteString("node-role.kubernetes.io/edge", "true");
        }
        if (controlPlane)
        {
            w.WriteString("node-role.kubernetes.io/control-plane", "");
        }
        else if (kind != "vm")
        {
            w.WriteString("node.kubernetes.io/instance-type", gpu is null ? $"m6.{cpus / 4}xlarge" : gpu.Family == "turing" ? "g4dn.12xlarge" : gpu.Family == "ampere" ? "p4d.24xlarge" : "p5.48xlarge");
        }
        if (gpu is not null)
        {
            w.WriteString("nvidia.com/cuda.driver.major", "550");
            w.WriteString("nvidia.com/gpu.count", gpu.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteString("nvidia.com/gpu.family", gpu.Family);
            w.WriteString("nvidia.com/gpu.memory", gpu.MemoryMiB);
            w.WriteString("nvidia.com/gpu.present", "true");
            w.WriteString("nvidia.com/gpu.product", gpu.Product);
            w.WriteString("nvidia.com/mig.capable", gpu.Mig ? "true" : "false");
        }
        w.WriteString("topology.kubernetes.io/region", zone[..^1]);
        w.WriteString("topology.kubernetes.io/zone", zone);
        w.WriteEndObject();
        w.WriteString("name", name);
        w.WriteString("uid", Uid(r));
        w.WriteEndObject();
        w.WriteStartObject("spec");
        w.WriteString("podCIDR", $"10.{(i >> 16) & 0xff}.{(i >> 8) & 0xff}.0/24");
        if (controlPlane)
        {
            w.WriteStartArray("taints");
            w.WriteStartObject();
            w.WriteString("effect", "NoSchedule");
            w.WriteString("key", "node-role.kubernetes.io/control-plane");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartObject("status");
        w.WriteStartArray("addresses");
        w.WriteStartObject();
        w.WriteString("address", $"10.{64 + ((i >> 16) & 0x3f)}.{(i >> 8) & 0xff}.{i & 0xff}");
        w.WriteString("type", "InternalIP");
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("address", name);
        w.WriteString("type", "Hostname");
        w.WriteEndObject();
        w.WriteEndArray();
        var allocKi = memKi - (boardMiB <= 4096 ? 100 * 1024 : 1024 * 1024);
        w.WriteStartObject("allocatable");
        w.WriteString("cpu", cpus <= 4 ? $"{(cpus * 1000) - 100}m" : cpus.ToString(CultureInfo.InvariantCulture));
        w.WriteString("ephemeral-storage", arm ? "28447967349" : "95551679124");
        w.WriteString("memory", $"{Math.Max(allocKi, 0)}Ki");
        if (gpu is not null)
        {
            w.WriteString("nvidia.com/gpu", gpu.Count.ToString(CultureInfo.InvariantCulture));
        }
        w.WriteString("pods", "110");
        w.WriteEndObject();
        w.WriteStartObject("capacity");
        w.WriteString("cpu", cpus.ToString(CultureInfo.InvariantCulture));
        w.WriteString("ephemeral-storage", arm ? "30867708Ki" : "101430960Ki");
        w.WriteString("memory", $"{memKi}Ki");
        if (gpu is not null)
        {
            w.WriteString("nvidia.com/gpu", gpu.Count.ToString(CultureInfo.InvariantCulture));
        }
        w.WriteString("pods", "110");
        w.WriteEndObject();
        w.WriteStartArray("conditions");
        w.WriteStartObject();
        w.WriteString("lastHeartbeatTime", "2026-12-01T08:00:00Z");
        w.WriteString("lastTransitionTime", "2026-06-01T08:00:30Z");
        w.WriteString("message", "kubelet is posting ready status");
        w.WriteString("reason", "KubeletReady");
        w.WriteString("status", "True");
        w.WriteString("type", "Ready");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("nodeInfo");
        w.WriteString("architecture", arm ? "arm64" : "amd64");
        w.WriteString("containerRuntimeVersion", r.NextDouble() < 0.8 ? "containerd://1.7.20" : "containerd://2.0.0");
        w.WriteString("kernelVersion", kernel);
        w.WriteString("kubeProxyVersion", "v1.31.2");
        w.WriteString("kubeletVersion", arm ? "v1.31.2+k3s1" : "v1.31.2");
        w.WriteString("operatingSystem", "linux");
        w.WriteString("osImage", os);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static (string Major, string Minor, string Revision) KernelParts(string kernel)
    {
        var core = kernel.Split('-', '+')[0].Split('.');
        return (core[0], core.Length > 1 ? core[1] : "0", core.Length > 2 ? core[2] : "0");
    }

    private static string Uid(Random r)
    {
        Span<byte> b = stackalloc byte[16];
        r.NextBytes(b);
        return new Guid(b).ToString();
    }
}
