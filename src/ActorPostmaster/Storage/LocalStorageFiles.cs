using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ActorPostmaster.Storage;

/// <summary>
/// INTERNAL API. <see cref="IStorageFiles"/> on the real file system: positional I/O through
/// <see cref="RandomAccess"/>, <c>fdatasync</c> and directory <c>fsync</c> through libc on Linux (fd.c:
/// pg_fdatasync, fsync_fname), <see cref="RandomAccess.FlushToDisk"/> elsewhere.
/// </summary>
internal sealed class LocalStorageFiles : IStorageFiles
{
    /// <summary>The shared instance (the class has no state).</summary>
    public static readonly LocalStorageFiles Instance = new();

    /// <inheritdoc/>
    public IStorageFile OpenOrCreate(string path) =>
        new LocalStorageFile(path, File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete));

    /// <inheritdoc/>
    public bool Exists(string path) => File.Exists(path);

    /// <inheritdoc/>
    public void Delete(string path) => File.Delete(path);

    /// <inheritdoc/>
    public void ReplaceAtomically(string tempPath, string finalPath) => File.Move(tempPath, finalPath, overwrite: true);

    /// <inheritdoc/>
    public IReadOnlyList<string> ListFiles(string directory) =>
        [.. Directory.EnumerateFiles(directory).Select(p => Path.GetFileName(p))];

    /// <inheritdoc/>
    public void CreateDirectory(string directory) => Directory.CreateDirectory(directory);

    /// <inheritdoc/>
    public void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = NativeMethods.Open(Encoding.UTF8.GetBytes(directory + "\0"), NativeMethods.ORdOnly);
        if (fd < 0)
        {
            throw Failure("could not open file", directory);
        }

        try
        {
            if (NativeMethods.Fsync(fd) != 0)
            {
                throw Failure("could not fsync file", directory);
            }
        }
        finally
        {
            _ = NativeMethods.Close(fd);
        }
    }

    private static IOException Failure(string what, string path) =>
        new($"{what} \"{path}\": {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");

    private sealed class LocalStorageFile(string path, SafeFileHandle handle) : IStorageFile
    {
        public string Path { get; } = path;

        public long Length => RandomAccess.GetLength(handle);

        public int ReadAt(long offset, Span<byte> buffer)
        {
            var total = 0;
            while (total < buffer.Length)
            {
                var read = RandomAccess.Read(handle, buffer[total..], offset + total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }

        public void WriteAt(long offset, ReadOnlySpan<byte> data) => RandomAccess.Write(handle, data, offset);

        public void Flush()
        {
            if (!OperatingSystem.IsLinux())
            {
                RandomAccess.FlushToDisk(handle);
                return;
            }

            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                if (NativeMethods.Fdatasync((int)handle.DangerousGetHandle()) != 0)
                {
                    throw Failure("could not fdatasync file", Path);
                }
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }
        }

        public void SetLength(long length) => RandomAccess.SetLength(handle, length);

        public void Dispose() => handle.Dispose();
    }

    private static class NativeMethods
    {
        public const int ORdOnly = 0;

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open(byte[] nulTerminatedUtf8Path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Fsync(int fd);

        [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Fdatasync(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Close(int fd);
    }
}
