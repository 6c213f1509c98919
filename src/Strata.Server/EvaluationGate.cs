using System.Collections.Concurrent;

namespace Strata.Server;

/// <summary>What became of work handed to the gate.</summary>
public enum GateOutcome { Done, Busy, TimedOut }

/// <summary>
/// Bounds the evaluations running at once and the time a request waits for one. A slot is held until the
/// evaluation really ends, also when its request has already been answered 503: the bound is on work, not on
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

    public async Task<(GateOutcome Outcome, T? Value)> Run<T>(Func<T> work) where T : class
    {
        if (!_slots.Wait(0))
        {
            return (GateOutcome.Busy, null);
        }
        Interlocked.Increment(ref _inFlight);
        InFlightGauge.Inc();
        var task = Task.Run(work);
        _ = task.ContinueWith(_ =>
        {
            Interlocked.Decrement(ref _inFlight);
            InFlightGauge.Dec();
            _slots.Release();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            return (GateOutcome.Done, await task.WaitAsync(timeLimit).ConfigureAwait(false));
        }
        catch (TimeoutException)
        {
            return (GateOutcome.TimedOut, null);
        }
    }
}

/// <summary>A bounded cache of rendered answers by request key: the same body gives the same bytes without deciding again.</summary>
public sealed class AnswerCache(int capacity)
{
    private readonly ConcurrentDictionary<string, byte[]> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public bool TryGet(string key, out byte[] value) => _entries.TryGetValue(key, out value!);

    public void Add(string key, byte[] value)
    {
        if (capacity <= 0 || !_entries.TryAdd(key, value))
        {
            return;
        }
        _order.Enqueue(key);
        while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }
    }
}
