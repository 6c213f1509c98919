using System.Collections.Concurrent;

namespace Strata.Server;

/// <summary>What became of work handed to the gate.</summary>
public enum GateOutcome { Done, Busy, TimedOut }

/// <summary>
/// Bounds the evaluations running at once and the time each may take. The time limit is a deadline taken when the
/// request enters the gate: a dedicated thread (<see cref="Deadlines"/>) cancels the evaluation's token when it passes,
/// so the engine's sampling loops stop within a few dozen samples even when the thread pool is saturated (a pool timer
/// fires late exactly when the server is busiest), and work that ends after its deadline without having looked at the
/// token is answered 503 all the same. A slot is held until the evaluation really ends: the bound is on work, not on
/// requests, so a flood of slow bodies cannot pile up computations behind answered requests.
/// </summary>
public sealed class EvaluationGate(int max, TimeSpan timeLimit)
{
    private readonly SemaphoreSlim _slots = new(max, max);
    private int _inFlight;

    public int Max => max;

    public TimeSpan TimeLimit => timeLimit;

    /// <summary>Evaluations running now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    private static readonly Prometheus.Gauge InFlightGauge = Prometheus.Metrics.CreateGauge("strata_evaluations_in_flight", "Evaluations (decisions, explanations, comparisons, radars, drift) running now.");

    /// <summary>Evaluations stopped by their token (the time limit, or the client went away) since start.</summary>
    public long Cancelled => Interlocked.Read(ref _cancelled);

    private long _cancelled;

    /// <param name="work">The evaluation; it must pass its token on to the engine.</param>
    /// <param name="aborted">The request's own token (the client hung up): also stops the work.</param>
    public async Task<(GateOutcome Outcome, T? Value)> Run<T>(Func<CancellationToken, T> work, CancellationToken aborted = default) where T : class
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_slots.Wait(0))
        {
            return (GateOutcome.Busy, null);
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _inFlight);
        InFlightGauge.Inc();
        var deadline = Deadlines.Start(CancellationTokenSource.CreateLinkedTokenSource(aborted), started, timeLimit);
        var token = deadline.Token;
        // The token is checked first: work the pool starts after its deadline stops at once.
        var task = Task.Run(() => work(token), CancellationToken.None);
        _ = task.ContinueWith(t =>
        {
            if (t.IsCanceled || t.Exception?.InnerException is OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
            }
            deadline.End();
            Interlocked.Decrement(ref _inFlight);
            InFlightGauge.Dec();
            _slots.Release();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            // The token stops the engine; the wait on it stops the request even where the work does not look at it.
            var value = await task.WaitAsync(token).ConfigureAwait(false);
            return System.Diagnostics.Stopwatch.GetElapsedTime(started) >= timeLimit ? (GateOutcome.TimedOut, null) : (GateOutcome.Done, value);
        }
        catch (OperationCanceledException)
        {
            return (GateOutcome.TimedOut, null);
        }
    }
}

/// <summary>
/// Cancels token sources at their deadlines from one dedicated background thread that sleeps until the nearest one. It
/// does not depend on the thread pool, whose timers run late when every pool thread is busy deciding. The token is set
/// cancelled on this thread; its callbacks (the request's wake-up) run on the pool.
/// </summary>
public static class Deadlines
{
    private static readonly object Lock = new();
    private static readonly PriorityQueue<Deadline, long> Queue = new();
    private static Thread? _thread;

    /// <summary>A token source cancelled at <paramref name="started"/> + <paramref name="limit"/> (Stopwatch ticks) unless ended first.</summary>
    public static Deadline Start(CancellationTokenSource source, long started, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(source);
        var due = started + (long)Math.Min(limit.TotalSeconds * System.Diagnostics.Stopwatch.Frequency, long.MaxValue / 4.0);
        var deadline = new Deadline(source);
        lock (Lock)
        {
            Queue.Enqueue(deadline, due);
            if (_thread is null)
            {
                _thread = new Thread(Watch) { IsBackground = true, Name = "Strata deadlines" };
                _thread.Start();
            }
            Monitor.Pulse(Lock);
        }
        return deadline;
    }

    private static void Watch()
    {
        while (true)
        {
            Deadline? expired = null;
            lock (Lock)
            {
                while (expired is null)
                {
                    if (!Queue.TryPeek(out var next, out var due))
                    {
                        Monitor.Wait(Lock);
                        continue;
                    }
                    if (next.Ended)
                    {
                        Queue.Dequeue();
                        continue;
                    }
                    var wait = System.Diagnostics.Stopwatch.GetElapsedTime(System.Diagnostics.Stopwatch.GetTimestamp(), due);
                    if (wait <= TimeSpan.Zero)
                    {
                        expired = Queue.Dequeue();
                    }
                    else
                    {
                        // Woken early by a new, nearer deadline; at most a minute asleep, then look again.
                        Monitor.Wait(Lock, wait < TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMinutes(1));
                    }
                }
            }
            expired.Expire();
        }
    }
}

/// <summary>One evaluation's deadline: its token, cancelled when the deadline passes, and the source freed once it ends.</summary>
public sealed class Deadline(CancellationTokenSource source)
{
    private readonly Lock _lock = new();
    private bool _ended;
    private Task? _cancelling;

    public CancellationToken Token { get; } = source.Token;

    internal bool Ended => Volatile.Read(ref _ended);

    internal void Expire()
    {
        lock (_lock)
        {
            if (!_ended)
            {
                // Sets the token at once; its callbacks run on the pool, not on the deadline thread.
                _cancelling = source.CancelAsync();
            }
        }
    }

    /// <summary>The evaluation is over: the deadline no longer fires, and its source is freed once its callbacks have run.</summary>
    public void End()
    {
        lock (_lock)
        {
            Volatile.Write(ref _ended, true);
            if (_cancelling is null)
            {
                source.Dispose();
            }
            else
            {
                _cancelling.ContinueWith(_ => source.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }
}

/// <summary>
/// A rendered answer as the cache keeps it: the UTF-8 JSON, and the same bytes gzip-compressed once when it is made, so
/// a client that accepts gzip (every browser) is sent about a tenth of the bytes without compressing per request.
/// </summary>
public sealed record CachedAnswer(byte[] Body, byte[] Gzip)
{
    public static CachedAnswer Of(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream(body.Length / 4 + 64);
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(body);
        }
        return new CachedAnswer(body, buffer.ToArray());
    }
}

/// <summary>
/// A cache of rendered answers by request key (the same body gives the same bytes without deciding again), bounded
/// both in entries and in bytes (an answer's body, its gzip form and its key, as UTF-16): past either bound the oldest
/// entries go first. An answer larger than the byte bound on its own is not kept.
/// </summary>
public sealed class AnswerCache(int capacity, long maxBytes)
{
    private readonly ConcurrentDictionary<string, CachedAnswer> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private long _bytes;

    /// <summary>Entries kept now.</summary>
    public int Count => _entries.Count;

    /// <summary>Bytes the kept entries hold now (bodies, their gzip forms and keys).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    private static long SizeOf(string key, CachedAnswer value) => value.Body.LongLength + value.Gzip.LongLength + 2L * key.Length;

    public bool TryGet(string key, out CachedAnswer value) => _entries.TryGetValue(key, out value!);

    public void Add(string key, CachedAnswer value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var size = SizeOf(key, value);
        if (capacity <= 0 || size > maxBytes || !_entries.TryAdd(key, value))
        {
            return;
        }
        Interlocked.Add(ref _bytes, size);
        _order.Enqueue(key);
        // Bounded: each pass removes one entry, and there are never more queued keys than entries added.
        while ((_entries.Count > capacity || Interlocked.Read(ref _bytes) > maxBytes) && _order.TryDequeue(out var oldest))
        {
            if (_entries.TryRemove(oldest, out var gone))
            {
                Interlocked.Add(ref _bytes, -SizeOf(oldest, gone));
            }
        }
    }
}
