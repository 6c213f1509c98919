using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;

namespace Strata.Catalog.Snapshot;

/// <summary>
/// The primitives of the snapshot format: unsigned LEB128 integers, doubles as their IEEE bits, and strings as an
/// index into a table written once at the front (ids, file paths and fact names recur thousands of times; the
/// reader then holds one string per distinct text). Null and a default array are counted as zero, everything
/// else as its length plus one, so a catalogue's absent values come back absent, not empty.
/// </summary>
internal sealed class SnapshotWriter
{
    private readonly MemoryStream _body = new();
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private readonly List<string> _table = [];

    public void UInt(ulong value)
    {
        while (value >= 0x80)
        {
            _body.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _body.WriteByte((byte)value);
    }

    public void Int(int value) => UInt((uint)((value << 1) ^ (value >> 31)));

    public void Bool(bool value) => _body.WriteByte(value ? (byte)1 : (byte)0);

    public void Double(double value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, BitConverter.DoubleToInt64Bits(value));
        _body.Write(bytes);
    }

    public void String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        UInt((ulong)Index(value) + 1);
    }

    public void NullableString(string? value) => UInt(value is null ? 0 : (ulong)Index(value) + 1);

    public void NullableInt(int? value)
    {
        Bool(value is not null);
        if (value is { } v)
        {
            Int(v);
        }
    }

    public void NullableBool(bool? value) => _body.WriteByte(value switch { null => 0, false => 1, true => 2 });

    /// <summary>An enum by its number: the reader checks it is defined, so a snapshot from another build fails loudly.</summary>
    public void Enum<T>(T value) where T : struct, System.Enum => UInt(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture));

    public void NullableEnum<T>(T? value) where T : struct, System.Enum => UInt(value is { } v ? Convert.ToUInt64(v, System.Globalization.CultureInfo.InvariantCulture) + 1 : 0);

    public void Array<T>(ImmutableArray<T> items, Action<SnapshotWriter, T> write)
    {
        if (items.IsDefault)
        {
            UInt(0);
            return;
        }
        UInt((ulong)items.Length + 1);
        foreach (var item in items)
        {
            write(this, item);
        }
    }

    public void Strings(ImmutableArray<string> items) => Array(items, static (w, s) => w.String(s));

    /// <summary>A sorted dictionary with string keys: its entries in order, and whether its keys compare ordinally.</summary>
    public void Dictionary<T>(ImmutableSortedDictionary<string, T> items, Action<SnapshotWriter, T> write)
    {
        Bool(ReferenceEquals(items.KeyComparer, StringComparer.Ordinal));
        UInt((ulong)items.Count);
        foreach (var (key, value) in items)
        {
            String(key);
            write(this, value);
        }
    }

    public void Optional<T>(T? value, Action<SnapshotWriter, T> write) where T : class
    {
        Bool(value is not null);
        if (value is not null)
        {
            write(this, value);
        }
    }

    public void Optional<T>(T? value, Action<SnapshotWriter, T> write) where T : struct
    {
        Bool(value is not null);
        if (value is { } v)
        {
            write(this, v);
        }
    }

    private int Index(string value)
    {
        if (!_strings.TryGetValue(value, out var index))
        {
            index = _table.Count;
            _strings.Add(value, index);
            _table.Add(value);
        }
        return index;
    }

    /// <summary>The snapshot: magic, format version, the string table, then the body.</summary>
    public byte[] ToArray(ReadOnlySpan<byte> magic, int version)
    {
        var strings = new SnapshotWriter();
        strings.UInt((ulong)_table.Count);
        foreach (var s in _table)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            strings.UInt((ulong)bytes.Length);
            strings._body.Write(bytes);
        }
        using var result = new MemoryStream();
        result.Write(magic);
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(v, version);
        result.Write(v);
        strings._body.WriteTo(result);
        _body.WriteTo(result);
        return result.ToArray();
    }
}

/// <summary>Reads what <see cref="SnapshotWriter"/> wrote, in the same order; a short or malformed snapshot throws.</summary>
internal sealed class SnapshotReader
{
    private readonly byte[] _data;
    private readonly string[] _strings;
    private int _position;

    public SnapshotReader(byte[] data, ReadOnlySpan<byte> magic, int version)
    {
        _data = data;
        if (data.Length < magic.Length + 4 || !data.AsSpan(0, magic.Length).SequenceEqual(magic))
        {
            throw new InvalidDataException("This is not a Strata catalogue snapshot.");
        }
        var found = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(magic.Length, 4));
        if (found != version)
        {
            throw new InvalidDataException($"The catalogue snapshot has format {found}; this build reads format {version}.");
        }
        _position = magic.Length + 4;
        _strings = new string[Count()];
        for (var i = 0; i < _strings.Length; i++)
        {
            var length = Count();
            Need(length);
            _strings[i] = Encoding.UTF8.GetString(_data, _position, length);
            _position += length;
        }
    }

    public bool AtEnd => _position == _data.Length;

    public ulong UInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            Need(1);
            var b = _data[_position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new InvalidDataException("A number in the catalogue snapshot runs past 64 bits.");
    }

    public int Int()
    {
        var raw = (uint)UInt();
        return (int)(raw >> 1) ^ -(int)(raw & 1);
    }

    /// <summary>A length or count, checked against what is left so a bad snapshot cannot ask for a huge array.</summary>
    private int Count()
    {
        var n = UInt();
        return n <= (ulong)(_data.Length - _position) ? (int)n : throw new InvalidDataException("A count in the catalogue snapshot exceeds its size.");
    }

    public bool Bool()
    {
        Need(1);
        return _data[_position++] switch
        {
            0 => false,
            1 => true,
            var b => throw new InvalidDataException($"A flag in the catalogue snapshot is {b}."),
        };
    }

    public double Double()
    {
        Need(8);
        var bits = BinaryPrimitives.ReadInt64LittleEndian(_data.AsSpan(_position, 8));
        _position += 8;
        return BitConverter.Int64BitsToDouble(bits);
    }

    public string String() => NullableString() ?? throw new InvalidDataException("The catalogue snapshot has no string where one is required.");

    public string? NullableString()
    {
        var n = UInt();
        return n == 0 ? null : n <= (ulong)_strings.Length ? _strings[n - 1] : throw new InvalidDataException("A string index in the catalogue snapshot is out of range.");
    }

    public int? NullableInt() => Bool() ? Int() : null;

    public bool? NullableBool()
    {
        Need(1);
        return _data[_position++] switch
        {
            0 => null,
            1 => false,
            2 => true,
            var b => throw new InvalidDataException($"A flag in the catalogue snapshot is {b}."),
        };
    }

    public T Enum<T>() where T : struct, System.Enum => Defined<T>(UInt());

    public T? NullableEnum<T>() where T : struct, System.Enum => UInt() is var n && n == 0 ? null : Defined<T>(n - 1);

    private static T Defined<T>(ulong n) where T : struct, System.Enum
    {
        // Every model enum is int-backed; the check keeps a snapshot from another build from decoding to a value no code expects.
        if (Unsafe.SizeOf<T>() != sizeof(int) || n > int.MaxValue)
        {
            throw new InvalidDataException($"{n} is not a {typeof(T).Name} in the catalogue snapshot.");
        }
        var number = (int)n;
        var value = Unsafe.As<int, T>(ref number);
        return System.Enum.IsDefined(value) ? value : throw new InvalidDataException($"{n} is not a {typeof(T).Name} in the catalogue snapshot.");
    }

    public ImmutableArray<T> Array<T>(Func<SnapshotReader, T> read)
    {
        var n = UInt();
        if (n == 0)
        {
            return default;
        }
        var length = n - 1 <= (ulong)(_data.Length - _position) ? (int)(n - 1) : throw new InvalidDataException("A count in the catalogue snapshot exceeds its size.");
        var builder = ImmutableArray.CreateBuilder<T>(length);
        for (var i = 0; i < length; i++)
        {
            builder.Add(read(this));
        }
        return builder.MoveToImmutable();
    }

    public ImmutableArray<string> Strings() => Array(static r => r.String());

    public ImmutableSortedDictionary<string, T> Dictionary<T>(Func<SnapshotReader, T> read)
    {
        var ordinal = Bool();
        var count = Count();
        var builder = ordinal ? ImmutableSortedDictionary.CreateBuilder<string, T>(StringComparer.Ordinal) : ImmutableSortedDictionary.CreateBuilder<string, T>();
        for (var i = 0; i < count; i++)
        {
            var key = String();
            builder.Add(key, read(this));
        }
        return builder.ToImmutable();
    }

    public T? Optional<T>(Func<SnapshotReader, T> read) where T : class => Bool() ? read(this) : null;

    public T? OptionalValue<T>(Func<SnapshotReader, T> read) where T : struct => Bool() ? read(this) : null;

    private void Need(int bytes)
    {
        if (_data.Length - _position < bytes)
        {
            throw new InvalidDataException("The catalogue snapshot ends early.");
        }
    }
}
