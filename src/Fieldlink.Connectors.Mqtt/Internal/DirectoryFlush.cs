using System.Runtime.InteropServices;

namespace Fieldlink.Connectors.Mqtt.Internal;

/// <summary>
/// Flushes a directory's entries to disk (<c>fsync</c> of the directory), so a file renamed into it is still there
/// under its new name after a power cut: a rename is a change of the directory, which flushing the file does not cover.
/// </summary>
/// <remarks>
/// Linux only. .NET has no API for it (it refuses to open a directory as a file), so this calls the C library. Elsewhere
/// it does nothing, as it does on a file system that cannot flush a directory: Windows makes a rename durable through its own journal and offers no handle to flush a directory
/// with, and macOS's fsync does not reach the disk anyway.
/// </remarks>
internal static partial class DirectoryFlush
{
    // Read-only, and not inherited by a child process started meanwhile: the same values on every Linux architecture.
    private const int ReadOnlyCloseOnExec = 0x80000;

    // What a file system that cannot flush a directory answers (EINVAL, EOPNOTSUPP): there is nothing more to be done.
    private const int Invalid = 22;
    private const int NotSupported = 95;

    /// <summary>Flushes <paramref name="directory"/>'s entries to disk; throws <see cref="IOException"/> when that fails.</summary>
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = Open(directory, ReadOnlyCloseOnExec);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open the directory {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0 && Marshal.GetLastPInvokeError() is not (Invalid or NotSupported))
            {
                throw new IOException($"Could not flush the directory {directory} to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
