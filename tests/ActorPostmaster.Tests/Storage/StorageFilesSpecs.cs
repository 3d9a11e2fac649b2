using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

public sealed class StorageFilesSpecs : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FaultInjectingStorageFiles _files = new(LocalStorageFiles.Instance);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_local_file_should_read_back_what_was_written_at_offsets()
    {
        var path = _dir.Combine("f");
        using (var file = LocalStorageFiles.Instance.OpenOrCreate(path))
        {
            file.WriteAt(4, [1, 2, 3]);
            file.Flush();
            Assert.Equal(7, file.Length);
            var buffer = new byte[10];
            Assert.Equal(7, file.ReadAt(0, buffer));
            Assert.Equal(new byte[] { 0, 0, 0, 0, 1, 2, 3, 0, 0, 0 }, buffer);
            file.SetLength(5);
            Assert.Equal(5, file.Length);
        }

        Assert.Equal(new byte[] { 0, 0, 0, 0, 1 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void Local_files_should_list_replace_delete_and_sync_directories()
    {
        var local = LocalStorageFiles.Instance;
        var sub = _dir.Combine("a", "b");
        local.CreateDirectory(sub);
        File.WriteAllText(Path.Combine(sub, "x.tmp"), "new");
        File.WriteAllText(Path.Combine(sub, "x"), "old");

        local.ReplaceAtomically(Path.Combine(sub, "x.tmp"), Path.Combine(sub, "x"));
        local.SyncDirectory(sub);

        Assert.Equal(["x"], local.ListFiles(sub));
        Assert.Equal("new", File.ReadAllText(Path.Combine(sub, "x")));
        local.Delete(Path.Combine(sub, "x"));
        Assert.False(local.Exists(Path.Combine(sub, "x")));
    }

    [Fact]
    public void Syncing_a_missing_directory_should_fail()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // directories are not synced on Windows
        }

        var e = Assert.Throws<IOException>(() => LocalStorageFiles.Instance.SyncDirectory(_dir.Combine("missing")));
        Assert.Contains("could not open file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_flush_should_fail_exactly_the_programmed_number_of_times()
    {
        using var file = _files.OpenOrCreate(_dir.Combine("f"));
        _files.FailNextFlushes(2);

        var e = Assert.Throws<IOException>(file.Flush);
        Assert.Equal($"could not fdatasync file \"{_dir.Combine("f")}\": Input/output error", e.Message);
        Assert.Throws<IOException>(file.Flush);
        file.Flush();
        Assert.Equal(1, _files.Flushes);
    }

    [Fact]
    public void A_full_disk_should_land_the_write_up_to_the_limit_and_then_fail()
    {
        var path = _dir.Combine("f");
        using var file = _files.OpenOrCreate(path);
        _files.DiskFullAfter(5);
        file.WriteAt(0, [1, 2, 3]);

        var e = Assert.Throws<IOException>(() => file.WriteAt(3, [4, 5, 6, 7]));
        Assert.Equal("No space left on device", e.Message);
        Assert.Throws<IOException>(() => file.WriteAt(5, [8]));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, File.ReadAllBytes(path));
        Assert.Equal(5, _files.BytesWritten);
    }

    [Fact]
    public void A_torn_write_should_land_only_its_first_bytes()
    {
        var path = _dir.Combine("f");
        using var file = _files.OpenOrCreate(path);
        _files.TearNextWrite(2);

        Assert.Throws<IOException>(() => file.WriteAt(0, [1, 2, 3, 4]));
        file.WriteAt(2, [9]);

        Assert.Equal(new byte[] { 1, 2, 9 }, File.ReadAllBytes(path));
        Assert.Equal(3, _files.BytesWritten);
    }
}
