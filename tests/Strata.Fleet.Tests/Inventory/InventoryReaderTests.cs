using Strata.Fleet.Inventory;
using Strata.Fleet.Synth;

namespace Strata.Fleet.Tests.Inventory;

public class InventoryReaderTests
{
    private static (List<NodeRecord> Nodes, IReadOnlyList<InventoryError> Errors, string Format) ReadAll(string path, InventoryLimits? limits = null)
    {
        using var source = InventoryFile.Open(path, limits ?? InventoryLimits.Default, []);
        var nodes = new List<NodeRecord>();
        while (source.TryRead(out var n))
        {
            nodes.Add(n!);
        }
        return (nodes, InventoryFile.Locate(path, source.Errors), source.Format);
    }

    [Fact]
    public void Read_SynthesisedNodeList_HasThreeControlPlaneServersPerZoneAndAgentsElsewhere()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "nodes.json");
        using (var f = File.Create(path))
        {
            NodeListSynth.Write(f, 2000, seed: 7);
        }
        var (nodes, errors, _) = ReadAll(path);
        errors.ShouldBeEmpty();
        var servers = nodes.Where(n => n.Role == NodeRole.Server).ToList();
        servers.Count.ShouldBe(18);
        servers.ShouldAllBe(n => n.Name.StartsWith("worker-", StringComparison.Ordinal));
        nodes.Where(n => n.Name.StartsWith("edge-", StringComparison.Ordinal)).ShouldAllBe(n => n.Role == NodeRole.Agent);
    }

    [Fact]
    public void Read_SynthesisedNodeListLargerThanTheBuffer_StreamsEveryNode()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "nodes.json");
        using (var f = File.Create(path))
        {
            NodeListSynth.Write(f, 3000, seed: 3, indented: true);
        }
        new FileInfo(path).Length.ShouldBeGreaterThan(64 * 1024 * 10);
        var (nodes, errors, format) = ReadAll(path);
        errors.ShouldBeEmpty();
        format.ShouldBe("NodeList");
        nodes.Count.ShouldBe(3000);
        nodes.Select(n => n.Name).Distinct().Count().ShouldBe(3000);
        nodes.ShouldAllBe(n => n.Architecture != null && n.CapacityMemory != null && n.KernelVersion != null);
    }

    [Fact]
    public void Read_BadNodesAcrossRefills_EachErrorOnceAtItsOffset()
    {
        // 1,000 nodes of about 700 bytes: several cross the reader's buffer when it is refilled, and each is parsed
        // again from its start once more bytes are in; what the first, partial parse found must not be reported twice.
        using var dir = new TempDir();
        var nodes = Enumerable.Range(0, 1000).Select(i => i % 3 == 1 ? Nodes.Node($"n{i}", memory: "lots") : Nodes.Node($"n{i}", kernel: $"6.{i % 7}.0")).ToArray();
        var text = Nodes.NodeList(nodes);
        var path = Nodes.Write(dir, "bad.json", text);
        var (read, errors, _) = ReadAll(path, new InventoryLimits { MaxErrors = 10_000 });
        read.Select(n => n.Name).ShouldBe(Enumerable.Range(0, 1000).Where(i => i % 3 != 1).Select(i => $"n{i}"));
        read.Select(n => n.KernelVersion).ShouldBe(Enumerable.Range(0, 1000).Where(i => i % 3 != 1).Select(i => $"6.{i % 7}.0"));
        errors.Count.ShouldBe(666); // capacity and allocatable memory
        errors.Select(e => e.Offset).Distinct().Count().ShouldBe(666);
        errors.ShouldAllBe(e => text.Substring((int)e.Offset, 6) == "\"lots\"");
        foreach (var e in errors)
        {
            e.Line.ShouldBe(text.AsSpan(0, (int)e.Offset).Count('\n') + 1);
            e.Column.ShouldBe(e.Offset - text.LastIndexOf('\n', (int)e.Offset));
        }
    }

    [Fact]
    public void Read_JsonLines_ReadsEachNodeAndItsLabels()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "nodes.jsonl", Nodes.Node("a", labels: Nodes.Vmx) + "\n" + Nodes.Node("b", arch: "arm64", memory: "1Gi") + "\n");
        var (nodes, errors, format) = ReadAll(path);
        errors.ShouldBeEmpty();
        format.ShouldBe("JSON Lines");
        nodes.Select(n => n.Name).ShouldBe(["a", "b"]);
        nodes[0].Labels[LabelKeys.Vmx].ShouldBe("true");
        nodes[0].HasNfdLabels.ShouldBeTrue();
        nodes[1].HasNfdLabels.ShouldBeFalse();
        nodes[1].CapacityMemory.ShouldBe("1Gi");
    }

    [Fact]
    public void Read_JsonLinesAcrossRefills_EachNodeOnceAndEachErrorOnceAtItsLine()
    {
        // After the first line each object is parsed as a node straight from the buffer; lines that a refill cuts are
        // parsed again, and what the partial parse found must not be reported twice.
        using var dir = new TempDir();
        var lines = Enumerable.Range(0, 1000).Select(i => i % 3 == 1 ? Nodes.Node($"n{i}", memory: "lots") : Nodes.Node($"n{i}", kernel: $"6.{i % 7}.0")).ToArray();
        var text = string.Join("\n", lines) + "\n";
        var path = Nodes.Write(dir, "bad.jsonl", text);
        var (read, errors, format) = ReadAll(path, new InventoryLimits { MaxErrors = 10_000 });
        format.ShouldBe("JSON Lines");
        read.Select(n => n.Name).ShouldBe(Enumerable.Range(0, 1000).Where(i => i % 3 != 1).Select(i => $"n{i}"));
        read.Select(n => n.KernelVersion).ShouldBe(Enumerable.Range(0, 1000).Where(i => i % 3 != 1).Select(i => $"6.{i % 7}.0"));
        errors.Count.ShouldBe(666); // capacity and allocatable memory
        errors.Select(e => e.Line).Distinct().ShouldBe(Enumerable.Range(0, 1000).Where(i => i % 3 == 1).Select(i => (long)i + 1));
        foreach (var e in errors)
        {
            text.Substring((int)e.Offset, 6).ShouldBe("\"lots\"");
            e.Column.ShouldBe(e.Offset - text.LastIndexOf('\n', (int)e.Offset));
        }
    }

    [Fact]
    public void Read_BrokenJsonLine_FailsAtTheSamePlaceWhetherFirstOrLater()
    {
        // The first line goes through the top-level reader, later ones straight to the node parser: a syntax error
        // must read the same either way (message, and column within its line).
        var broken = Nodes.Node("x").Replace("\"pods\":\"110\"", "\"pods\":11O", StringComparison.Ordinal);
        using var dir = new TempDir();
        var first = ReadAll(Nodes.Write(dir, "first.jsonl", broken + "\n" + Nodes.Node("a") + "\n")).Errors.ShouldHaveSingleItem();
        var later = ReadAll(Nodes.Write(dir, "later.jsonl", Nodes.Node("a") + "\n" + Nodes.Node("b") + "\n" + broken + "\n")).Errors.ShouldHaveSingleItem();
        first.Message.ShouldContain("not valid JSON");
        later.Message.ShouldBe(first.Message);
        (first.Line, later.Line).ShouldBe((1L, 3L));
        later.Column.ShouldBe(first.Column);
    }

    [Fact]
    public void Read_JsonLinesThenANodeList_ReadsTheNodesOfBoth()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "mixed.json", Nodes.Node("a") + "\n" + Nodes.Node("b") + "\n" + Nodes.NodeList(Nodes.Node("c"), Nodes.Node("d")) + Nodes.Node("e") + "\n");
        var (nodes, errors, _) = ReadAll(path);
        errors.ShouldBeEmpty();
        nodes.Select(n => n.Name).ShouldBe(["a", "b", "c", "d", "e"]);
    }

    [Fact]
    public void Read_LabelKeys_FoundEscapedOrPlainAndOnlyThoseReadAreKept()
    {
        using var dir = new TempDir();
        var node = Nodes.Node("a", labels: [("feature.node.kubernetes.io/cpu-cpuid.SVM", "true"), ("team", "ml"), ("zone-x", "1")])
            .Replace("\"kubernetes.io/arch\"", "\"kubernetes.io\\/arch\"", StringComparison.Ordinal);
        var path = Nodes.Write(dir, "labels.json", Nodes.NodeList(node));
        using var source = InventoryFile.Open(path, InventoryLimits.Default, ["team", "absent"]);
        source.TryRead(out var read).ShouldBeTrue();
        var labels = read!.Labels;
        labels[LabelKeys.Arch].ShouldBe("amd64");
        labels[LabelKeys.Svm].ShouldBe("true");
        labels[new string("team".ToCharArray())].ShouldBe("ml"); // a key equal to a wanted one, not the same string object
        labels.ContainsKey("absent").ShouldBeFalse();
        labels.ContainsKey("zone-x").ShouldBeFalse();
        labels.Count.ShouldBe(3);
        labels.Keys.Order(StringComparer.Ordinal).ShouldBe([LabelKeys.Svm, LabelKeys.Arch, "team"]);
        read.LabelCount.ShouldBe(5);
    }

    [Fact]
    public void Read_TruncatedNodeList_FailsWithLineAndColumn()
    {
        using var dir = new TempDir();
        var whole = Nodes.NodeList(Nodes.Node("a"), Nodes.Node("b"));
        var path = Nodes.Write(dir, "cut.json", whole[..(whole.Length - 40)]);
        var (_, errors, _) = ReadAll(path);
        errors.Count.ShouldBe(1);
        errors[0].Line.ShouldBeGreaterThan(1);
        errors[0].Column.ShouldBeGreaterThan(0);
        errors[0].Message.ShouldContain("not valid JSON");
    }

    [Fact]
    public void Read_WrongTypes_ReportsEachWithItsOffset()
    {
        using var dir = new TempDir();
        var bad1 = Nodes.Node("a").Replace("\"labels\":{", "\"labels\":[{", StringComparison.Ordinal).Replace("\"kubernetes.io/hostname\":\"a\"}", "\"kubernetes.io/hostname\":\"a\"}]", StringComparison.Ordinal);
        var bad2 = Nodes.Node("b", memory: "lots");
        var bad3 = Nodes.Node("c").Replace("\"name\":\"c\"", "\"name\":42", StringComparison.Ordinal);
        var text = Nodes.NodeList(bad1, bad2, bad3, Nodes.Node("d"));
        var path = Nodes.Write(dir, "types.json", text);
        var (nodes, errors, _) = ReadAll(path);
        nodes.Select(n => n.Name).ShouldBe(["d"]);
        errors.Select(e => e.Message).ShouldContain(m => m.Contains("metadata.labels must be an object"));
        errors.Select(e => e.Message).ShouldContain(m => m.Contains("status.capacity.memory must be a Kubernetes quantity") && m.Contains("'lots'"));
        errors.Select(e => e.Message).ShouldContain(m => m.Contains("metadata.name must be a string, found a number"));
        var lots = errors.First(e => e.Message.Contains("capacity.memory", StringComparison.Ordinal));
        text.Substring((int)lots.Offset, 6).ShouldBe("\"lots\"");
    }

    [Fact]
    public void Read_HugeLabelMap_StopsAtTheNodeSizeLimitWithoutReadingItAll()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "huge.json");
        using (var w = new StreamWriter(path))
        {
            w.Write("{\"apiVersion\":\"v1\",\"items\":[{\"metadata\":{\"name\":\"x\",\"labels\":{");
            for (var i = 0; i < 1_000_000; i++)
            {
                w.Write(i == 0 ? "" : ",");
                w.Write($"\"k{i}\":\"v\"");
            }
            w.Write("}}}],\"kind\":\"List\"}");
        }
        var limits = new InventoryLimits { MaxNodeBytes = 256 * 1024 };
        var (nodes, errors, _) = ReadAll(path, limits);
        nodes.ShouldBeEmpty();
        errors.Count.ShouldBe(1);
        errors[0].Message.ShouldContain("larger than the limit");
        errors[0].Line.ShouldBe(1);
    }

    [Fact]
    public void Read_TooManyLabels_IsAnErrorAtTheLabel()
    {
        using var dir = new TempDir();
        var labels = Enumerable.Range(0, 40).Select(i => ($"example.com/l{i}", "v"));
        var path = Nodes.Write(dir, "labels.json", Nodes.NodeList(Nodes.Node("a", labels: labels), Nodes.Node("b")));
        var (nodes, errors, _) = ReadAll(path, new InventoryLimits { MaxLabelsPerNode = 16 });
        nodes.Select(n => n.Name).ShouldBe(["b"]);
        errors.Single().Message.ShouldContain("more than 16 labels");
    }

    [Fact]
    public void Read_TwoGigabyteFileOfNothing_FailsAtItsFirstByteQuickly()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "big.json");
        using (var f = File.Create(path))
        {
            f.Write("{\"apiVersion\":\"v1\",\"items\":["u8);
            f.SetLength(2L * 1024 * 1024 * 1024);
        }
        var (nodes, errors, _) = ReadAll(path);
        nodes.ShouldBeEmpty();
        errors.Count.ShouldBe(1);
        errors[0].Offset.ShouldBeLessThan(64);
        errors[0].Line.ShouldBe(1);
    }

    [Fact]
    public void Read_DeepNesting_IsRefused()
    {
        using var dir = new TempDir();
        var deep = new string('[', 200) + new string(']', 200);
        var node = Nodes.Node("a").Replace("\"pods\":\"110\"", "\"deep\":" + deep, StringComparison.Ordinal);
        var path = Nodes.Write(dir, "deep.json", Nodes.NodeList(node));
        var (nodes, errors, _) = ReadAll(path);
        nodes.ShouldBeEmpty();
        errors.ShouldNotBeEmpty();
        errors[0].Message.ShouldContain("depth");
    }

    [Fact]
    public void Read_Csv_ReadsColumnsAndReportsBadCellsAtLineAndColumn()
    {
        using var dir = new TempDir();
        var path = Nodes.Write(dir, "nodes.csv",
            "name,arch,memory,cpu,kernel,kvm,cgroup,gpus,gpu_product,mig_capable,labels\n" +
            "edge-1,arm64,1Gi,4,6.1.0-18-arm64,,v2,,,,node-role.kubernetes.io/edge=true\n" +
            "gpu-1,amd64,512Gi,64,5.15.0,true,,8,NVIDIA-A100-SXM4-80GB,true,\n" +
            "bad-1,amd64,lots,4,5.15.0,maybe,,,,,\n");
        var (nodes, errors, format) = ReadAll(path);
        format.ShouldBe("CSV");
        nodes.Select(n => n.Name).ShouldBe(["edge-1", "gpu-1"]);
        nodes[0].StatedCgroupV2.ShouldBe(true);
        nodes[1].StatedKvm.ShouldBe(true);
        nodes[1].Labels[LabelKeys.MigCapable].ShouldBe("true");
        errors.Count.ShouldBe(2);
        errors.ShouldAllBe(e => e.Line == 4);
        errors.Select(e => e.Column).ShouldBe([3L, 6L], ignoreOrder: true);
    }
}
