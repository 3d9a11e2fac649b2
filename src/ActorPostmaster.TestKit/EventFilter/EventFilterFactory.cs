using ActorPostmaster.Actors.Event;

namespace ActorPostmaster.TestKit;

/// <summary>Builds event filters: which log events, exceptions or dead letters a test expects (or mutes).</summary>
/// <remarks>
/// Akka.NET: <c>EventFilterFactory</c>. Text matching: <c>message</c> is exact, <c>start</c> a prefix, <c>contains</c> a
/// substring; <c>source</c> is the exact log source (an actor path). For exception filters the text is matched
/// against the exception's message. An event counted by an active filter is not written to the test output.
/// </remarks>
public sealed class EventFilterFactory
{
    private readonly TestKitBase _testKit;

    internal EventFilterFactory(TestKitBase testKit) => _testKit = testKit;

    /// <summary>Log events carrying an exception of type <typeparamref name="TException"/> (or derived): supervision logs Restart and Stop at Error, Resume at Warning.</summary>
    /// <typeparam name="TException">The exception type.</typeparam>
    /// <param name="message">The exact exception message.</param>
    /// <param name="start">A prefix of the exception message.</param>
    /// <param name="contains">A substring of the exception message.</param>
    /// <param name="source">The exact log source.</param>
    public IEventFilterApplier Exception<TException>(string? message = null, string? start = null, string? contains = null, string? source = null)
        where TException : Exception => Exception(typeof(TException), message, start, contains, source);

    /// <summary>Log events carrying an exception of type <paramref name="exceptionType"/> (or derived).</summary>
    /// <param name="exceptionType">The exception type.</param>
    /// <param name="message">The exact exception message.</param>
    /// <param name="start">A prefix of the exception message.</param>
    /// <param name="contains">A substring of the exception message.</param>
    /// <param name="source">The exact log source.</param>
    public IEventFilterApplier Exception(Type exceptionType, string? message = null, string? start = null, string? contains = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(exceptionType);
        return Applier(
            e => e is LogEvent { Cause: { } cause } error && exceptionType.IsInstanceOfType(cause)
                && TextMatches(cause.Message, message, start, contains) && (source is null || error.LogSource == source),
            $"exception {exceptionType.Name}{Describe(message, start, contains, source)}");
    }

    /// <summary>Error-level log events.</summary>
    /// <param name="message">The exact message.</param>
    /// <param name="start">A prefix of the message.</param>
    /// <param name="contains">A substring of the message.</param>
    /// <param name="source">The exact log source.</param>
    public IEventFilterApplier Error(string? message = null, string? start = null, string? contains = null, string? source = null) =>
        Level<Error>("error", message, start, contains, source);

    /// <summary>Warning-level log events.</summary>
    /// <param name="message">The exact message.</param>
    /// <param name="start">A prefix of the message.</param>
    /// <param name="contains">A substring of the message.</param>
    /// <param name="source">The exact log source.</param>
    public IEventFilterApplier Warning(string? message = null, string? start = null, string? contains = null, string? source = null) =>
        Level<Warning>("warning", message, start, contains, source);

    /// <summary>Info-level log events.</summary>
    /// <param name="message">The exact message.</param>
    /// <param name="start">A prefix of the message.</param>
    /// <param name="contains">A substring of the message.</param>
    /// <param name="source">The exact log source.</param>
    public IEventFilterApplier Info(string? message = null, string? start = null, string? contains = null, string? source = null) =>
        Level<Info>("info", message, start, contains, source);

    /// <summary>Debug-level log events (published only when the system's loglevel is DEBUG).</summary>
    /// <param name="message">The exact message.</param>
    /// <param name="start">A prefix of the message.</param>
    /// <param name="contains">A substring of the message.</param>
    /// <param name="source">The exact log source.</param>
    public IEventFilterApplier Debug(string? message = null, string? start = null, string? contains = null, string? source = null) =>
        Level<Debug>("debug", message, start, contains, source);

    /// <summary>Dead letters whose message is a <typeparamref name="TMessage"/> (and satisfies <paramref name="isMatch"/>).</summary>
    /// <typeparam name="TMessage">The undelivered message's type.</typeparam>
    /// <param name="isMatch">An optional condition on the message.</param>
    public IEventFilterApplier DeadLetter<TMessage>(Func<TMessage, bool>? isMatch = null) =>
        Applier(e => e is DeadLetter { Message: TMessage m } && (isMatch is null || isMatch(m)), $"dead letter of {typeof(TMessage).Name}");

    /// <summary>Any dead letter.</summary>
    public IEventFilterApplier DeadLetter() => Applier(e => e is DeadLetter, "dead letter");

    /// <summary>Log events satisfying <paramref name="predicate"/>.</summary>
    /// <param name="predicate">The condition.</param>
    public IEventFilterApplier Custom(Predicate<LogEvent> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Applier(e => e is LogEvent log && predicate(log), "custom log event");
    }

    /// <summary>Events of any type published on the event stream that satisfy <paramref name="predicate"/>.</summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    /// <param name="predicate">The condition.</param>
    public IEventFilterApplier Custom<TEvent>(Predicate<TEvent> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Applier(e => e is TEvent typed && predicate(typed), $"custom {typeof(TEvent).Name}");
    }

    private static bool TextMatches(string text, string? message, string? start, string? contains) =>
        (message is null || text == message)
        && (start is null || text.StartsWith(start, StringComparison.Ordinal))
        && (contains is null || text.Contains(contains, StringComparison.Ordinal));

    private static string Describe(string? message, string? start, string? contains, string? source) =>
        (message is null ? string.Empty : $" with message \"{message}\"")
        + (start is null ? string.Empty : $" starting with \"{start}\"")
        + (contains is null ? string.Empty : $" containing \"{contains}\"")
        + (source is null ? string.Empty : $" from {source}");

    private EventFilterApplier Level<TEvent>(string level, string? message, string? start, string? contains, string? source)
        where TEvent : LogEvent =>
        Applier(
            e => e is TEvent log && TextMatches(log.Message, message, start, contains) && (source is null || log.LogSource == source),
            $"{level} event{Describe(message, start, contains, source)}");

    private EventFilterApplier Applier(Func<object, bool> predicate, string description) => new(_testKit, predicate, description);
}
