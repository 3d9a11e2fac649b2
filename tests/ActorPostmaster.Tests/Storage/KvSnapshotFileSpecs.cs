using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

public sealed class KvSnapshotFileSpecs : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FaultInjectingStorageFiles _files = new(LocalStorageFiles.Instance);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_snapshot_should_round_trip_with_rows_sorted_by_key()
    {
        var snapshot = KvSnapshotFile.Of(
            Lsn.Parse("0/1540570"),
            [new("b", "2"), new("a", null), new("é", "ü"), new("B", "")]);

        snapshot.Write(_files, _dir.Path);
        var read = KvSnapshotFile.Read(_files, _dir.Path);

        Assert.Equal(Lsn.Parse("0/1540570"), read.Redo);
        Assert.Equal(["B", "a", "b", "é"], read.Rows.Select(r => r.Key));
        Assert.Equal(["", null, "2", "ü"], read.Rows.Select(r => r.Value));
        Assert.True(File.Exists(_dir.Combine("base", "kv.snapshot")));
    }

    [Fact]
    public void An_empty_table_should_round_trip()
    {
        KvSnapshotFile.Of(Lsn.Invalid, []).Write(_files, _dir.Path);

        Assert.Empty(KvSnapshotFile.Read(_files, _dir.Path).Rows);
    }

    [Fact]
    public void Duplicate_keys_should_be_refused()
    {
        Assert.Throws<ArgumentException>(() => KvSnapshotFile.Of(Lsn.Invalid, [new("a", "1"), new("a", "2")]));
    }

    [Fact]
    public void A_flipped_bit_anywhere_should_be_detected()
    {
        KvSnapshotFile.Of(Lsn.Parse("0/10"), [new("key", "value")]).Write(_files, _dir.Path);
        var path = _dir.Combine("base", "kv.snapshot");
        var length = new FileInfo(path).Length;

        for (var offset = 4; offset < length; offset++)
        {
            FileDamage.FlipBits(path, offset, 0x20);
            Assert.Throws<InvalidDataException>(() => KvSnapshotFile.Read(_files, _dir.Path));
            FileDamage.FlipBits(path, offset, 0x20);
        }

        Assert.Equal("value", KvSnapshotFile.Read(_files, _dir.Path).Rows[0].Value);
    }

    [Fact]
    public void A_missing_or_truncated_snapshot_should_fail()
    {
        Assert.Throws<FileNotFoundException>(() => KvSnapshotFile.Read(_files, _dir.Path));
        KvSnapshotFile.Of(Lsn.Parse("0/10"), [new("key", "value")]).Write(_files, _dir.Path);
        var path = _dir.Combine("base", "kv.snapshot");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^3]);

        Assert.Throws<InvalidDataException>(() => KvSnapshotFile.Read(_files, _dir.Path));
    }

    [Fact]
    public void A_failed_write_should_keep_the_previous_snapshot()
    {
        KvSnapshotFile.Of(Lsn.Parse("0/10"), [new("old", "1")]).Write(_files, _dir.Path);
        _files.FailNextFlushes(1);

        Assert.Throws<IOException>(() => KvSnapshotFile.Of(Lsn.Parse("0/20"), [new("new", "2")]).Write(_files, _dir.Path));

        var read = KvSnapshotFile.Read(_files, _dir.Path);
        Assert.Equal(Lsn.Parse("0/10"), read.Redo);
        Assert.Equal("old", read.Rows[0].Key);
    }
}
