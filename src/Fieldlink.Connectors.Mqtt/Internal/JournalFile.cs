using Microsoft.Win32.SafeHandles;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// The <see cref="BrokerJournal"/>'s append-only file of lines, with group commit: a writer that needs its line on disk
/// waits for a flush that started after the line was written, and every writer waiting at the same time shares that
/// flush, so the disk's flush time bounds the rate of flushes, not of lines. Appends go on during a flush.
/// </summary>
/// <remarks>
/// <see cref="Append"/> and <see cref="RewriteAsync"/> are called under the journal's lock, one at a time;
/// <see cref="DurableAsync"/> from anywhere, without it.
/// </remarks>
internal sealed class JournalFile(string path) : IDisposable
{
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly Lock _appending = new();
    private SafeFileHandle? _file;
    private long _length;
    private long _appended;
    private long _durable;

    /// <summary>The lines appended since the file was last rewritten.</summary>
    public int LinesSinceRewrite { get; private set; }

    /// <summary>Writes <paramref name="line"/> and a newline to the operating system; returns the line's number for <see cref="DurableAsync"/>.</summary>
    public long Append(byte[] line)
    {
        lock (_appending)
        {
            _file ??= File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
            RandomAccess.Write(_file, line, _length);
            RandomAccess.Write(_file, "\n"u8, _length + line.Length);
            _length += line.Length + 1;
            LinesSinceRewrite++;
            return ++_appended;
        }
    }

    /// <summary>Returns once line <paramref name="line"/> is on disk: by a flush under way that started after it was written, or by one of its own.</summary>
    public Task DurableAsync(long line, CancellationToken cancellationToken) =>
        Volatile.Read(ref _durable) >= line ? Task.CompletedTask : FlushAsync(line, cancellationToken);

    /// <summary>Replaces the file with <paramref name="lines"/>, written to a new file, flushed to disk and moved over the old one.</summary>
    public async Task RewriteAsync(IEnumerable<byte[]> lines, CancellationToken cancellationToken)
    {
        // No flush may run on the handle closed here; none of the lines appended so far is lost by the rewrite, as
        // the caller writes everything still pending.
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            _file?.Dispose();
            _file = null;
            var next = path + ".next";
            var count = 0;
            await using (var file = new FileStream(next, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                foreach (var line in lines)
                {
                    await file.WriteAsync(line, cancellationToken);
                    await file.WriteAsync("\n"u8.ToArray(), cancellationToken);
                    count++;
                }

                file.Flush(flushToDisk: true);
                _length = file.Length;
            }

            File.Move(next, path, overwrite: true);
            LinesSinceRewrite = count;
            Volatile.Write(ref _durable, _appended);
        }
        finally
        {
            _flushing.Release();
        }
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
        _flushing.Dispose();
    }

    private async Task FlushAsync(long line, CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _durable) >= line)
            {
                return;
            }

            SafeFileHandle file;
            long upTo;
            lock (_appending)
            {
                (file, upTo) = (_file!, _appended);
            }

            // Without the lock: appends go on while the disk flushes, and the next flush takes them all at once.
            RandomAccess.FlushToDisk(file);
            Volatile.Write(ref _durable, upTo);
        }
        finally
        {
            _flushing.Release();
        }
    }
}
