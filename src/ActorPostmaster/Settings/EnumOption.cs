namespace ActorPostmaster.Settings;

/// <summary>One word an enum setting accepts.</summary>
/// <param name="Name">The word (matched case-insensitively).</param>
/// <param name="Canonical">The word SHOW prints for it (the first listed option with the same meaning).</param>
/// <param name="Hidden">True for accepted synonyms that PostgreSQL does not list (e.g. <c>true</c> for <c>on</c>).</param>
public sealed record EnumOption(string Name, string Canonical, bool Hidden);
