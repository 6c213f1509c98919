using System.Globalization;
using Strata.Application;
using Strata.Application.Requests;

// Threads deciding the edge example and the serverless scenario on one StrataApplication (one bundled catalogue), as
// strata serve does, for a bounded time. Arguments: seconds, threads, then any of
//   robustness  every other decision with the default robustness analysis (as strata serve decides by default);
//   collect     one more thread forcing a gen1 collection every millisecond (collect2: full ones), so that a thread is
//               often stopped by a collection in the middle of a method.
// It prints "done N errors E" with the collection counts, and the first three errors in full. What it found (the Native
// AOT build fails, the JIT build does not) and the settings tried are in docs/native-aot.md, with their run counts.
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var robust = args.Contains("robustness");
var app = new StrataApplication();
var edge = File.ReadAllText(Path.Combine("examples", "edge.yaml")); // run from the repository root
var (errors, done, shown) = (0, 0, 0);
var until = DateTime.UtcNow.AddSeconds(seconds);
var threads = Enumerable.Range(0, count).Select(t => new Thread(() =>
{
    for (var i = 0; DateTime.UtcNow < until; i++)
    {
        try
        {
            var source = (i + t) % 3 == 0 ? ProfileSource.Text("s.yaml", "profile: s\nscenario: serverless\n") : ProfileSource.Text("edge.yaml", edge);
            if (app.Decide(new DecisionRequest(source) { Robustness = robust && i % 2 == 0 ? new Strata.Engine.Robustness.RobustnessOptions() : null }).Value is null)
            {
                Interlocked.Increment(ref errors);
            }
            Interlocked.Increment(ref done);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Interlocked.Increment(ref errors);
            if (Interlocked.Increment(ref shown) <= 3)
            {
                Console.WriteLine(e.ToString());
            }
        }
    }
})).ToList();
if (args.Contains("collect"))
{
    var generation = args.Contains("collect2") ? 2 : 1;
    // Gen1 (or with collect2, full) collections every millisecond, so a thread is often stopped mid-method: a fault that depends on where a
    // collection finds a thread shows up in seconds rather than minutes.
    threads.Add(new Thread(() =>
    {
        while (DateTime.UtcNow < until)
        {
            GC.Collect(generation);
            Thread.Sleep(1);
        }
    }));
}
threads.ForEach(x => x.Start());
threads.ForEach(x => x.Join());
Console.WriteLine($"done {done} errors {errors} gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}");
return errors == 0 ? 0 : 1;
