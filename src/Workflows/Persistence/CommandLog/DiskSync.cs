using System.Runtime.InteropServices;

using Microsoft.Win32.SafeHandles;

namespace Mediation.Workflows.Persistence.CommandLog;

/// <summary>
/// Flushes to the disk. On Linux, <c>fdatasync</c> for a log segment: the segments are written in full when they are
/// made, so an append changes no metadata and the flush writes the appended data and nothing else (a plain fsync
/// would also write the inode for its new modification time). A new file's directory entry is flushed once, when
/// the file is made. Elsewhere .NET's flush-to-disk is used.
/// </summary>
internal static class DiskSync
{
    public static void Data(SafeFileHandle file)
    {
        if (OperatingSystem.IsLinux())
        {
            if (fdatasync(file) != 0) throw new IOException($"fdatasync failed (errno {Marshal.GetLastPInvokeError()})");
            return;
        }
        using var stream = new FileStream(file, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// The file opened again for direct writes (O_DIRECT: no copy into the page cache, no write-back on the flush), or
    /// null where that is not to be had: not Linux, an architecture whose flag is not known here, a file system that
    /// refuses it (tmpfs).
    /// </summary>
    public static SafeFileHandle? OpenDirect(string path, int block)
    {
        if (!OperatingSystem.IsLinux()) return null;
        int? flag = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 or Architecture.X86 => 0x4000,
            Architecture.Arm64 or Architecture.Arm => 0x10000,
            _ => null,
        };
        if (flag is null) return null;
        var fd = open(path, 2 /* O_RDWR */ | 0x80000 /* O_CLOEXEC */ | flag.Value);
        if (fd < 0) return null;
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            // A file system may take the flag and still refuse blocks of this size: a read of the first block finds out
            // (into a buffer of its own, so the probe never touches the bytes a log keeps between its writes).
            RandomAccess.Read(handle, new AlignedBuffer(block).Get(block), 0);
            return handle;
        }
        catch (IOException)
        {
            handle.Dispose();
            return null;
        }
    }

    /// <summary>Makes a file created (or removed) in <paramref name="directory"/> survive a power cut.</summary>
    public static void Directory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;   // Windows has no directory handles to flush
        var fd = open(directory, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"cannot open {directory} to flush it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (fsync(fd) != 0) throw new IOException($"fsync of {directory} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            close(fd);
        }
    }

    // DllImport rather than LibraryImport: the source-generated stubs need unsafe code, these four calls do not.
    [DllImport("libc", SetLastError = true)]
    private static extern int fdatasync(SafeFileHandle fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc")]
    private static extern int close(int fd);
}
