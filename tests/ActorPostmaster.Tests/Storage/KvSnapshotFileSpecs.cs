using ActorPostmaster.Storage;
using Xunit;

namespace ActorPostmaster.Tests.Storage;

public sealed class KvSnapshotFileSpecs : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FaultInjectingStorageFiles _files = new(LocalStorageFiles.Instance);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_snapshot_should_round_trip()
    {
        var snapshot = KvSnapshotFile.Of(
            Lsn.Parse("0/1540570"),
            [new("b", "2"), new("a", null), new("é", "ü"), new("B", "")]);

        snapshot.Write(_files, _dir.Path);
        var read = KvSnapshotFile.Read(_files, _dir.Path);

        Assert.Equal(Lsn.Parse("0/1540570"), read.Redo);
        var rows = read.Rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(["B", "a", "b", "é"], rows.Select(r => r.Key));
        Assert.Equal(["", null, "2", "ü"], rows.Select(r => r.Value));
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

        Assert.Equal("value", Assert.Single(KvSnapshotFile.Read(_files, _dir.Path).Rows).Value);
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
        Assert.Equal("old", Assert.Single(read.Rows).Key);
    }

    [Fact]
    public void A_duplicate_key_in_the_file_should_be_detected()
    {
        var bytes = new KvSnapshotFile(Lsn.Parse("0/10"), [new("a", "1"), new("a", "2")]).Encode();

        var error = Assert.Throws<InvalidDataException>(() => KvSnapshotFile.Decode(bytes));
        Assert.Equal("duplicate key in file \"base/kv.snapshot\"", error.Message);
    }

    [Fact]
    public void The_table_should_be_the_snapshot_with_its_delta_on_top()
    {
        KvSnapshotFile.Of(Lsn.Parse("0/10"), [new("kept", "1"), new("changed", "old"), new("deleted", "x")]).Write(_files, _dir.Path);
        new KvDeltaFile(Lsn.Parse("0/10"), Lsn.Parse("0/80"), [new("changed", "new", false), new("deleted", null, true), new("added", null, false)])
            .Write(_files, _dir.Path);

        var (table, snapshotRedo) = KvSnapshotFile.LoadTable(_files, _dir.Path);

        Assert.Equal(Lsn.Parse("0/10"), snapshotRedo);
        Assert.Equal(["added", "changed", "deleted"], table.Changes.Keys.Order(StringComparer.Ordinal));
        Assert.False(table.IsLoaded); // decoded at the first use
        Assert.Equal(
            [KeyValuePair.Create("added", (string?)null), KeyValuePair.Create("changed", (string?)"new"), KeyValuePair.Create("kept", (string?)"1")],
            table.Rows.OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.True(table.IsLoaded);
    }

    [Fact]
    public void A_delta_of_an_earlier_snapshot_should_be_ignored()
    {
        new KvDeltaFile(Lsn.Parse("0/10"), Lsn.Parse("0/80"), [new("stale", "x", false)]).Write(_files, _dir.Path);
        KvSnapshotFile.Of(Lsn.Parse("0/90"), [new("current", "1")]).Write(_files, _dir.Path); // a crash before the delta was removed

        var (table, _) = KvSnapshotFile.LoadTable(_files, _dir.Path);

        Assert.Equal("current", Assert.Single(table.Rows).Key);
        Assert.Empty(table.Changes);
    }

    [Fact]
    public void A_flipped_bit_in_the_delta_should_be_detected()
    {
        KvSnapshotFile.Of(Lsn.Parse("0/10"), [new("key", "value")]).Write(_files, _dir.Path);
        new KvDeltaFile(Lsn.Parse("0/10"), Lsn.Parse("0/80"), [new("key", "new", false), new("gone", null, true)]).Write(_files, _dir.Path);
        var path = _dir.Combine("base", "kv.delta");
        var length = new FileInfo(path).Length;

        for (var offset = 4; offset < length; offset++)
        {
            FileDamage.FlipBits(path, offset, 0x20);
            Assert.Throws<InvalidDataException>(() => KvSnapshotFile.LoadTable(_files, _dir.Path));
            FileDamage.FlipBits(path, offset, 0x20);
        }

        Assert.Equal("new", KvSnapshotFile.LoadTable(_files, _dir.Path).Table.Rows["key"]);
    }
}
