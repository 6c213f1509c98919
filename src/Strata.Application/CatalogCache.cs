using System.Collections.Concurrent;
using Strata.Application.Requests;
using Strata.Catalog.Loading;

namespace Strata.Application;

/// <summary>
/// Loads each catalogue once and keeps the result (failures too: the same files fail the same way). Safe to
/// share between threads: a catalogue is immutable, and two requests that ask for the same one at once wait
/// for a single load. What is not shared is the engine, whose caches are per instance and unsynchronised:
/// <see cref="StrataApplication"/> makes one per request. A directory's catalogue is read once for the cache's
/// lifetime; edits to its files are seen by a new cache (a new process).
/// </summary>
public sealed class CatalogCache
{
    private readonly ConcurrentDictionary<CatalogLocation, Lazy<CatalogLoadResult>> _loaded = new();
    private readonly Func<CatalogLocation, CatalogLoadResult> _load;

    /// <summary>A cache over the real loader.</summary>
    public CatalogCache()
        : this(Load)
    {
    }

    /// <summary>A cache over another loader (tests count the loads).</summary>
    public CatalogCache(Func<CatalogLocation, CatalogLoadResult> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _load = load;
    }

    /// <summary>The catalogue at <paramref name="location"/>, loaded on the first call and kept.</summary>
    public CatalogLoadResult Get(CatalogLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var entry = _loaded.GetOrAdd(location, l => new Lazy<CatalogLoadResult>(() => _load(l), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return entry.Value;
        }
        catch
        {
            // A fault (a directory removed under us) is not an answer to keep: the next request tries again.
            _loaded.TryRemove(new KeyValuePair<CatalogLocation, Lazy<CatalogLoadResult>>(location, entry));
            throw;
        }
    }

    private static CatalogLoadResult Load(CatalogLocation location) =>
        location.Directory is { } dir ? CatalogLoader.LoadDirectory(dir) : CatalogLoader.LoadBundled();
}
