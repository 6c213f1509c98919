using System.Diagnostics;
using System.Text;
using Strata.Fleet.Inventory;
using Strata.Fleet.Synth;

namespace Strata.Fleet.Tests.Inventory;

/// <summary>
/// An inventory read through a real pipe (a FIFO that a <c>cat</c> process writes into from its redirected standard
/// input) gives the same nodes, format and error positions as the same bytes in a regular file: the format is sniffed
/// without a seek, and errors are located without reading the inventory twice.
/// </summary>
public class PipeInventoryTests
{
    private static (List<string> Names, List<string> Errors, string Format) Read(string path)
    {
        using var source = InventoryFile.Open(path, InventoryLimits.Default, []);
        var names = new List<string>();
        while (source.TryRead(out var n))
        {
            names.Add(n!.Name);
        }
        var errors = InventoryFile.Locate(path, source.Errors).Select(e => $"{e.Line}:{e.Column}: {e.Message}").ToList();
        return (names, errors, source.Format);
    }

    /// <summary>Reads <paramref name="content"/> through a FIFO fed by <c>cat</c>, whose standard input the test writes.</summary>
    private static (List<string> Names, List<string> Errors, string Format) ReadThroughPipe(TempDir dir, byte[] content)
    {
        var fifo = Path.Combine(dir.Path, "inventory");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { RedirectStandardError = true })!)
        {
            mkfifo.WaitForExit(10_000).ShouldBeTrue();
            mkfifo.ExitCode.ShouldBe(0, mkfifo.StandardError.ReadToEnd());
        }
        using var cat = Process.Start(new ProcessStartInfo("sh", ["-c", "exec cat > \"$0\"", fifo]) { RedirectStandardInput = true })!;
        var writer = Task.Run(() =>
        {
            // Small writes, so the reader sees the bytes arrive in pieces as a pipe delivers them.
            for (var at = 0; at < content.Length; at += 4093)
            {
                cat.StandardInput.BaseStream.Write(content, at, Math.Min(4093, content.Length - at));
            }
            cat.StandardInput.Close();
        });
        var read = Read(fifo);
        writer.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
        cat.WaitForExit(10_000).ShouldBeTrue();
        return read;
    }

    private static void SameThroughPipeAsFromFile(string name, byte[] content, string format, int nodes)
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, name);
        File.WriteAllBytes(file, content);
        var fromFile = Read(file);
        var fromPipe = ReadThroughPipe(dir, content);
        fromFile.Format.ShouldBe(format);
        fromFile.Names.Count.ShouldBe(nodes);
        fromPipe.Format.ShouldBe(fromFile.Format);
        fromPipe.Names.ShouldBe(fromFile.Names);
        fromPipe.Errors.ShouldBe(fromFile.Errors);
    }

    [Fact]
    public void Open_NodeListThroughAPipe_ReadsWhatTheFileGives()
    {
        using var buffer = new MemoryStream();
        NodeListSynth.Write(buffer, 500, seed: 5, indented: true);
        SameThroughPipeAsFromFile("nodes.json", buffer.ToArray(), "NodeList", 500);
    }

    [Fact]
    public void Open_JsonLinesThroughAPipe_ReadsWhatTheFileGives()
    {
        var lines = string.Concat(Enumerable.Range(0, 300).Select(i => Nodes.Node($"n{i}", labels: i % 2 == 0 ? Nodes.Vmx : null) + "\n"));
        SameThroughPipeAsFromFile("nodes.jsonl", Encoding.UTF8.GetBytes(lines), "JSON Lines", 300);
    }

    [Fact]
    public void Open_CsvThroughAPipe_IsToldFromItsHeaderAndReadsWhatTheFileGives()
    {
        // The FIFO's name has no .csv: the header alone says it is CSV, read from bytes the reader then gets back.
        var csv = "name,arch,memory,cpu,kernel,kvm\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"edge-{i},arm64,{1 + (i % 4)}Gi,4,6.1.0-18-arm64,false\n"));
        SameThroughPipeAsFromFile("nodes.csv", Encoding.UTF8.GetBytes(csv), "CSV", 200);
    }

    [Fact]
    public void Open_TruncatedNodeListThroughAPipe_ReportsTheFilesLineAndColumn()
    {
        using var buffer = new MemoryStream();
        NodeListSynth.Write(buffer, 200, seed: 2, indented: true);
        var truncated = buffer.ToArray()[..(int)(buffer.Length * 2 / 3)];
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "nodes.json");
        File.WriteAllBytes(file, truncated);
        var fromFile = Read(file);
        var fromPipe = ReadThroughPipe(dir, truncated);
        fromFile.Errors.ShouldNotBeEmpty();
        fromFile.Errors[0].ShouldNotStartWith("0:");
        fromPipe.Errors.ShouldBe(fromFile.Errors);
        fromPipe.Names.ShouldBe(fromFile.Names);
        // The positions the reader found are those a second pass over the file finds.
        using var source = InventoryFile.Open(file, InventoryLimits.Default, []);
        while (source.TryRead(out _))
        {
        }
        var unlocated = source.Errors.Select(e => e with { Line = 0, Column = 0 }).ToList();
        InventoryFile.Locate(file, unlocated).Select(e => $"{e.Line}:{e.Column}: {e.Message}").ShouldBe(fromFile.Errors);
    }
}
