namespace Strata.Fleet.Inventory;

/// <summary>
/// A read-only stream that gives back the bytes already taken from <paramref name="inner"/> to sniff its format, then
/// the rest of it: the format is told without seeking, so a pipe (standard input, /dev/stdin, a FIFO) reads as a file does.
/// </summary>
internal sealed class ReplayStream(byte[] prefix, Stream inner) : Stream
{
    private int _replayed;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        if (_replayed < prefix.Length)
        {
            n = Math.Min(buffer.Length, prefix.Length - _replayed);
            prefix.AsSpan(_replayed, n).CopyTo(buffer);
            _replayed += n;
        }
        else
        {
            n = inner.Read(buffer);
        }
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
