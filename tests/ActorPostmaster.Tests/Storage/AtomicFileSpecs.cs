using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

public sealed class AtomicFileSpecs : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FaultInjectingStorageFiles _files = new(LocalStorageFiles.Instance);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Writing_should_replace_the_whole_file_flush_it_and_sync_the_directory()
    {
        var path = _dir.Combine("state");
        File.WriteAllBytes(path, [9, 9, 9, 9, 9, 9]);

        AtomicFile.Write(_files, path, [1, 2, 3]);

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".tmp"));
        Assert.Equal(1, _files.Flushes);
        Assert.Equal(1, _files.DirectorySyncs);
    }

    [Fact]
    public void A_failed_flush_should_leave_the_old_contents_in_place()
    {
        var path = _dir.Combine("state");
        File.WriteAllBytes(path, [7, 7]);
        _files.FailNextFlushes(1);

        Assert.Throws<IOException>(() => AtomicFile.Write(_files, path, [1, 2, 3]));

        Assert.Equal(new byte[] { 7, 7 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_stale_longer_temp_file_should_not_leak_into_the_new_contents()
    {
        var path = _dir.Combine("state");
        File.WriteAllBytes(path + ".tmp", [5, 5, 5, 5, 5, 5, 5, 5]);

        AtomicFile.Write(_files, path, [1]);

        Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(path));
    }
}
