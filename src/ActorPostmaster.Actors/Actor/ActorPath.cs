namespace ActorPostmaster.Actors;

/// <summary>The name of an actor in the hierarchy, for example <c>actor://sys/user/postmaster/backend-7</c>.</summary>
/// <remarks>
/// Akka.NET: <c>ActorPath</c>. The uid tells incarnations apart: an actor re-created under the same name has a new
/// uid, so references to the old one do not reach the new one. Paths compare by elements and uid.
/// </remarks>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    private readonly string _text;
    private int _hashCode; // computed on first use (0: not yet); references are hashed on every watch and stop

    private ActorPath(string systemName, ActorPath? parent, string name, long uid)
    {
        SystemName = systemName;
        Parent = parent;
        Name = name;
        Uid = uid;
        Depth = parent is null ? 0 : parent.Depth + 1;
        _text = Build();
    }

    /// <summary>The name of the actor system the path belongs to.</summary>
    public string SystemName { get; }

    /// <summary>The parent's path, or null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element: the actor's name (the root's name is "/").</summary>
    public string Name { get; }

    /// <summary>The incarnation number; 0 for paths that do not denote a particular incarnation.</summary>
    public long Uid { get; }

    /// <summary>The number of elements below the root.</summary>
    public int Depth { get; }

    /// <summary>The elements below the root, for example <c>["user", "postmaster"]</c>.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            for (var p = this; p.Parent is not null; p = p.Parent)
            {
                elements[p.Depth - 1] = p.Name;
            }

            return elements;
        }
    }

    /// <summary>Creates the root path of a system.</summary>
    /// <param name="systemName">The system's name.</param>
    public static ActorPath Root(string systemName) => new(systemName, null, "/", 0);

    /// <summary>Creates the path of a child of this path.</summary>
    /// <param name="name">The child's name.</param>
    /// <param name="uid">The child's incarnation uid.</param>
    public ActorPath Child(string name, long uid = 0) => new(SystemName, this, name, uid);

    /// <summary>The path without its uid, as users write it: <c>actor://sys/user/a/b</c>.</summary>
    public override string ToString() => _text;

    /// <summary>The path with the uid appended (<c>actor://sys/user/a#42</c>), as reference dumps show it.</summary>
    public string ToSerializationFormat() => Uid == 0 ? _text : _text + "#" + Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool Equals(ActorPath? other) =>
        other is not null && Uid == other.Uid && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = _hashCode;
        if (hash == 0)
        {
            // A benign race: every thread computes the same value.
            hash = _hashCode = HashCode.Combine(StringComparer.Ordinal.GetHashCode(_text), Uid);
        }

        return hash;
    }

    /// <inheritdoc />
    public int CompareTo(ActorPath? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byText = string.CompareOrdinal(_text, other._text);
        return byText != 0 ? byText : Uid.CompareTo(other.Uid);
    }

    /// <summary>Equality of paths (elements and uid).</summary>
    /// <param name="left">A path.</param>
    /// <param name="right">Another path.</param>
    public static bool operator ==(ActorPath? left, ActorPath? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality of paths.</summary>
    /// <param name="left">A path.</param>
    /// <param name="right">Another path.</param>
    public static bool operator !=(ActorPath? left, ActorPath? right) => !(left == right);

    /// <summary>Ordinal ordering of paths.</summary>
    /// <param name="left">A path.</param>
    /// <param name="right">Another path.</param>
    public static bool operator <(ActorPath? left, ActorPath? right) => left is null ? right is not null : left.CompareTo(right) < 0;

    /// <summary>Ordinal ordering of paths.</summary>
    /// <param name="left">A path.</param>
    /// <param name="right">Another path.</param>
    public static bool operator <=(ActorPath? left, ActorPath? right) => left is null || left.CompareTo(right) <= 0;

    /// <summary>Ordinal ordering of paths.</summary>
    /// <param name="left">A path.</param>
    /// <param name="right">Another path.</param>
    public static bool operator >(ActorPath? left, ActorPath? right) => left is not null && left.CompareTo(right) > 0;

    /// <summary>Ordinal ordering of paths.</summary>
    /// <param name="left">A path.</param>
    /// <param name="right">Another path.</param>
    public static bool operator >=(ActorPath? left, ActorPath? right) => left is null ? right is null : left.CompareTo(right) >= 0;

    private string Build()
    {
        if (Parent is null)
        {
            return "actor://" + SystemName;
        }

        return string.Concat(Parent._text, "/", Name); // one allocation: paths are built for every actor spawned
    }
}
