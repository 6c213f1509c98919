using System.Collections.Concurrent;

namespace Strata.Server;

/// <summary>What became of work handed to the gate.</summary>
public enum GateOutcome { Done, Busy, TimedOut }

/// <summary>
/// Bounds the evaluations running at once and the time each may take. Past the time limit the evaluation's
/// token is cancelled (the engine's sampling loops stop within a few dozen samples) and the request is answered
/// 503 at once. A slot is held until the evaluation really ends: the bound is on work, not on requests, so a
/// flood of slow bodies cannot pile up computations behind answered requests.
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
        Interlocked.Increment(ref _inFlight);
        InFlightGauge.Inc();
        var limit = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        limit.CancelAfter(timeLimit);
        var token = limit.Token;
        var task = Task.Run(() => work(token), CancellationToken.None);
        _ = task.ContinueWith(t =>
        {
            if (t.IsCanceled || t.Exception?.InnerException is OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
            }
            Interlocked.Decrement(ref _inFlight);
            InFlightGauge.Dec();
            limit.Dispose();
            _slots.Release();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            // The token stops the engine; the wait stops the request even where the work does not look at it.
            return (GateOutcome.Done, await task.WaitAsync(timeLimit).ConfigureAwait(false));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return (GateOutcome.TimedOut, null);
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
