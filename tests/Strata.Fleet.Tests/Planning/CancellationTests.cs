using Strata.Application;
using Strata.Fleet.Classes;
using Strata.Fleet.Inventory;
using Strata.Fleet.Planning;
using Strata.Fleet.Synth;

namespace Strata.Fleet.Tests.Planning;

/// <summary>Cancelling a plan (Ctrl-C) stops it at once, also after the inventory is read while classes are still being decided.</summary>
public class CancellationTests
{
    private sealed class CancelAtFirstNode(CancellationTokenSource cancel) : IFleetSink
    {
        public int Heard { get; private set; }

        public void Node(NodeRecord node, NodeFacts facts, NodeClass nodeClass)
        {
            Heard++;
            cancel.Cancel();
        }
    }

    [Fact]
    public void Plan_CancelledWhileClassesAreDecided_StopsTheSinksAndSaysCancelled()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "nodes.json");
        using (var f = File.Create(path))
        {
            // A few thousand nodes read in a blink; their classes take much longer to decide, so the cancel comes after the reading.
            NodeListSynth.Write(f, 3000, seed: 1);
        }
        using var cancel = new CancellationTokenSource();
        var sink = new CancelAtFirstNode(cancel);
        var outcome = new FleetPlanner(new StrataApplication()).Plan(new FleetRequest(path, "edge"), [sink], cancel.Token);
        outcome.BadInput.ShouldBeFalse();
        outcome.Plan!.Cancelled.ShouldBeTrue();
        outcome.Plan.Classes.ShouldBeEmpty();
        sink.Heard.ShouldBe(1);
    }
}
