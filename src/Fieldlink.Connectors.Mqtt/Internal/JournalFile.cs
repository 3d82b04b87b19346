using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// The <see cref="BrokerJournal"/>'s append-only file of lines, with group commit: a writer that needs its line on disk
/// waits for a flush that started after the line was written, and every writer waiting at the same time shares that
/// flush, so the disk's flush time bounds the rate of flushes, not of lines. Appends go on during a flush.
/// </summary>
/// <remarks>
/// <see cref="Append"/> and <see cref="BeginRewrite"/> are called under the journal's lock, one at a time;
/// <see cref="RewriteAsync"/> one at a time without it, so appends go on while the new file is written;
/// <see cref="DurableAsync"/> from anywhere.
/// </remarks>
/// <param name="path">The journal's file.</param>
/// <param name="flushToDisk">
/// How a handle is flushed to disk: <see cref="RandomAccess.FlushToDisk"/>, or in tests one that fails as a disk can.
/// </param>
/// <param name="flushDirectory">How the file's directory is flushed after a rewrite's rename: <see cref="DirectoryFlush.Flush"/>, or in tests one that records it.</param>
internal sealed class JournalFile(string path, Action<SafeFileHandle>? flushToDisk = null, Action<string>? flushDirectory = null) : IDisposable
{
    private readonly Action<SafeFileHandle> _flushToDisk = flushToDisk ?? RandomAccess.FlushToDisk;
    private readonly Action<string> _flushDirectory = flushDirectory ?? DirectoryFlush.Flush;
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly Lock _appending = new();
    private SafeFileHandle? _file;
    private long _length;
    private long _appended;
    private long _durable;
    private bool _disposed;

    // A flush that failed: Linux reports a failed write-back once, and a later fsync succeeds without the lost pages,
    // so no line appended before the rewrite that follows may be called durable again.
    private ExceptionDispatchInfo? _failure;

    // The lines appended since the caller took the snapshot a rewrite writes (BeginRewrite): they go to the new file too.
    private List<byte[]>? _sinceSnapshot;

    /// <summary>Whether a flush failed since the file was last rewritten: nothing new is durable until it is.</summary>
    public bool Failed => Volatile.Read(ref _failure) is not null;

    /// <summary>The lines appended since the file was last rewritten.</summary>
    public int LinesSinceRewrite { get; private set; }

    /// <summary>Writes <paramref name="line"/> and a newline to the operating system; returns the line's number for <see cref="DurableAsync"/>.</summary>
    public long Append(byte[] line)
    {
        lock (_appending)
        {
            if (_disposed)
            {
                // The broker has stopped, and MQTTnet's last events come after: a session's end, a session deleted.
                // Their lines go nowhere (the next opening counts every session as gone from then); a line that must be
                // durable never is, as its flush finds the file disposed, so the publisher gets no PUBACK and sends again.
                return ++_appended;
            }

            _file ??= File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
            RandomAccess.Write(_file, line, _length);
            RandomAccess.Write(_file, "\n"u8, _length + line.Length);
            _length += line.Length + 1;
            LinesSinceRewrite++;
            _sinceSnapshot?.Add(line);
            return ++_appended;
        }
    }

    /// <summary>Returns once line <paramref name="line"/> is on disk: by a flush under way that started after it was written, or by one of its own.</summary>
    public Task DurableAsync(long line, CancellationToken cancellationToken) =>
        Volatile.Read(ref _durable) >= line ? Task.CompletedTask : FlushAsync(line, cancellationToken);

    /// <summary>
    /// Marks the moment the caller's snapshot for <see cref="RewriteAsync"/> is taken (under the caller's lock, as the
    /// appends are): every line appended from here on goes to the new file as well.
    /// </summary>
    public void BeginRewrite()
    {
        lock (_appending)
        {
            _sinceSnapshot = [];
        }
    }

    /// <summary>
    /// Replaces the file with <paramref name="lines"/> (the snapshot taken at <see cref="BeginRewrite"/>) and the lines
    /// appended since, written to a new file, flushed to disk and moved over the old one, and the directory flushed
    /// (<see cref="DirectoryFlush"/>) so the move survives a power cut. Appends go on while the
    /// snapshot is written; only the lines appended meanwhile, the flush and the move hold them up.
    /// </summary>
    public async Task RewriteAsync(IEnumerable<byte[]> lines, CancellationToken cancellationToken)
    {
        // No flush may run on the handle closed here.
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            SafeFileHandle? old;
            lock (_appending)
            {
                old = _file;
            }

            // The old file's lines reach the disk first: the rename below is not durable without a flush of the
            // directory, and whichever file a power cut leaves must hold every line called durable from here on. Not
            // after a failed flush: nothing appended since was called durable. A flush failing here fails no caller:
            // the new file, flushed below, holds every line, and until it is in place nothing more is called durable.
            if (old is not null && !Failed)
            {
                try
                {
                    _flushToDisk(old);
                }
                catch (IOException ex)
                {
                    Volatile.Write(ref _failure, ExceptionDispatchInfo.Capture(ex));
                }
            }

            var next = path + ".next";
            var count = 0;
            await using var file = new FileStream(next, FileMode.Create, FileAccess.Write, FileShare.None);
            foreach (var line in lines)
            {
                await file.WriteAsync(line, cancellationToken);
                await file.WriteAsync("\n"u8.ToArray(), cancellationToken);
                count++;
            }

            await file.FlushAsync(cancellationToken);
            lock (_appending)
            {
                foreach (var line in _sinceSnapshot ?? [])
                {
                    file.Write(line);
                    file.Write("\n"u8);
                    count++;
                }

                file.Flush(flushToDisk: true);
                _length = file.Length;

                // Closed before the move: FileShare.None locks the file, and the next append opens it by its name.
                file.Dispose();
                _file?.Dispose();
                _file = null;
                File.Move(next, path, overwrite: true);
                LinesSinceRewrite = count;

                // Until the directory is on disk, a power cut may bring back the old file, without the lines appended
                // since its last flush: none of them is durable before that, and if it fails, none is until the next rewrite.
                try
                {
                    _flushDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                    Volatile.Write(ref _failure, null);
                    Volatile.Write(ref _durable, _appended);
                }
                catch (IOException ex)
                {
                    Volatile.Write(ref _failure, ExceptionDispatchInfo.Capture(ex));
                }
            }
        }
        finally
        {
            lock (_appending)
            {
                _sinceSnapshot = null;
            }

            _flushing.Release();
        }
    }

    public void Dispose()
    {
        lock (_appending)
        {
            _disposed = true;
            _file?.Dispose();
            _file = null;
        }

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

            // Every waiter after a failed flush fails too, until a rewrite from memory makes the lines durable again.
            Volatile.Read(ref _failure)?.Throw();

            SafeFileHandle file;
            long upTo;
            lock (_appending)
            {
                (file, upTo) = (_file!, _appended);
            }

            // Without the lock: appends go on while the disk flushes, and the next flush takes them all at once.
            try
            {
                _flushToDisk(file);
            }
            catch (IOException ex)
            {
                Volatile.Write(ref _failure, ExceptionDispatchInfo.Capture(ex));
                throw;
            }

            Volatile.Write(ref _durable, upTo);
        }
        finally
        {
            _flushing.Release();
        }
    }
}
