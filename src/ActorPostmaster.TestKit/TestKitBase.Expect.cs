using ActorPostmaster.Actors;

namespace ActorPostmaster.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>Expects a message of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="duration">How long to wait; null for <see cref="RemainingOrDefault"/>.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The message.</returns>
    public T ExpectMsg<T>(TimeSpan? duration = null, string? hint = null) =>
        CheckExpected<T>(Take(duration, out var max), max, null, null, $"a message of type {typeof(T).Name}", hint);

    /// <summary>Expects a message equal to <paramref name="message"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="message">The expected message.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The message.</returns>
    public T ExpectMsg<T>(T message, TimeSpan? timeout = null, string? hint = null) =>
        CheckExpected<T>(Take(timeout, out var max), max, m => Equals(m, message), null, $"{Describe(message)}", hint);

    /// <summary>Expects a message of type <typeparamref name="T"/> for which <paramref name="isMessage"/> holds.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="isMessage">The condition.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The message.</returns>
    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null, string? hint = null) =>
        CheckExpected(Take(timeout, out var max), max, isMessage, null, $"a message of type {typeof(T).Name} matching the predicate", hint);

    /// <summary>Expects a message of type <typeparamref name="T"/> and runs <paramref name="assert"/> on it.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="assert">Assertions on the message.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The message.</returns>
    public T ExpectMsg<T>(Action<T> assert, TimeSpan? timeout = null, string? hint = null) =>
        CheckExpected(Take(timeout, out var max), max, null, assert, $"a message of type {typeof(T).Name}", hint);

    /// <inheritdoc cref="ExpectMsg{T}(TimeSpan?, string?)"/>
    public async Task<T> ExpectMsgAsync<T>(TimeSpan? duration = null, string? hint = null, CancellationToken cancellationToken = default)
    {
        var max = RemainingOrDilated(duration);
        return CheckExpected<T>(await TryReceiveOneAsync(max, cancellationToken).ConfigureAwait(false), max, null, null, $"a message of type {typeof(T).Name}", hint);
    }

    /// <inheritdoc cref="ExpectMsg{T}(T, TimeSpan?, string?)"/>
    public async Task<T> ExpectMsgAsync<T>(T message, TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default)
    {
        var max = RemainingOrDilated(timeout);
        return CheckExpected<T>(await TryReceiveOneAsync(max, cancellationToken).ConfigureAwait(false), max, m => Equals(m, message), null, Describe(message), hint);
    }

    /// <inheritdoc cref="ExpectMsg{T}(Predicate{T}, TimeSpan?, string?)"/>
    public async Task<T> ExpectMsgAsync<T>(Predicate<T> isMessage, TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default)
    {
        var max = RemainingOrDilated(timeout);
        return CheckExpected(await TryReceiveOneAsync(max, cancellationToken).ConfigureAwait(false), max, isMessage, null, $"a message of type {typeof(T).Name} matching the predicate", hint);
    }

    /// <inheritdoc cref="ExpectMsg{T}(Action{T}, TimeSpan?, string?)"/>
    public async Task<T> ExpectMsgAsync<T>(Action<T> assert, TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default)
    {
        var max = RemainingOrDilated(timeout);
        return CheckExpected(await TryReceiveOneAsync(max, cancellationToken).ConfigureAwait(false), max, null, assert, $"a message of type {typeof(T).Name}", hint);
    }

    /// <summary>Expects a message of type <typeparamref name="T"/> from <paramref name="sender"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="sender">The expected sender.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The message.</returns>
    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? timeout = null, string? hint = null)
    {
        var message = ExpectMsg<T>(timeout, hint);
        if (!LastSender.Equals(sender))
        {
            throw Fail($"Expected a message from {sender} but it came from {LastSender}{Hint(hint)}");
        }

        return message;
    }

    /// <summary>Expects no message for <see cref="RemainingOrDefault"/> (virtual time moves on by that much under the deterministic dispatcher).</summary>
    public void ExpectNoMsg() => ExpectNoMsg(RemainingOrDefault);

    /// <summary>Expects no message for <paramref name="duration"/>.</summary>
    /// <param name="duration">How long nothing may arrive.</param>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (TryReceiveOne(RemainingOrDilated(duration), out var envelope))
        {
            throw Fail($"Expected no message within {duration} but received {Describe(envelope.Message)} from {envelope.Sender}");
        }
    }

    /// <inheritdoc cref="ExpectNoMsg(TimeSpan)"/>
    public async Task ExpectNoMsgAsync(TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        var max = RemainingOrDilated(duration);
        if (await TryReceiveOneAsync(max, cancellationToken).ConfigureAwait(false) is { } envelope)
        {
            throw Fail($"Expected no message within {max} but received {Describe(envelope.Message)} from {envelope.Sender}");
        }
    }

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="target"/> (watch it first with <see cref="Watch"/>).</summary>
    /// <param name="target">The actor.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The Terminated message.</returns>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null, string? hint = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), timeout, hint ?? $"Terminated of {target}");

    /// <inheritdoc cref="ExpectTerminated"/>
    public Task<Terminated> ExpectTerminatedAsync(IActorRef target, TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default) =>
        ExpectMsgAsync<Terminated>(t => t.ActorRef.Equals(target), timeout, hint ?? $"Terminated of {target}", cancellationToken);

    /// <summary>Expects exactly these messages, in any order, within <see cref="RemainingOrDefault"/>.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="messages">The expected messages.</param>
    /// <returns>The messages in arrival order.</returns>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(params T[] messages) => ExpectMsgAllOf(RemainingOrDefault, messages);

    /// <summary>Expects exactly these messages, in any order, within <paramref name="max"/> in total.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="max">The total time allowed.</param>
    /// <param name="messages">The expected messages.</param>
    /// <returns>The messages in arrival order.</returns>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(TimeSpan max, params T[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var deadline = Now + RemainingOrDilated(max);
        var missing = messages.ToList();
        var received = new List<T>();
        while (missing.Count > 0)
        {
            if (!TryReceiveOne(Max(deadline - Now, TimeSpan.Zero), out var envelope))
            {
                throw Fail($"Timeout ({max}) while waiting for ExpectMsgAllOf; still missing: {string.Join(", ", missing.Select(m => Describe(m)))}");
            }

            var index = envelope.Message is T typed ? missing.FindIndex(m => Equals(m, typed)) : -1;
            if (index < 0)
            {
                throw Fail($"ExpectMsgAllOf: unexpected {Describe(envelope.Message)}; still missing: {string.Join(", ", missing.Select(m => Describe(m)))}");
            }

            received.Add((T)envelope.Message);
            missing.RemoveAt(index);
        }

        return received;
    }

    /// <summary>Expects one message equal to any of <paramref name="messages"/>.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="messages">The acceptable messages.</param>
    /// <returns>The message.</returns>
    public T ExpectMsgAnyOf<T>(params T[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return ExpectMsg<T>(m => messages.Any(x => Equals(x, m)), null, $"any of {string.Join(", ", messages.Select(m => Describe(m)))}");
    }

    /// <summary>Skips messages until one satisfies <paramref name="isMessage"/>.</summary>
    /// <param name="isMessage">The condition.</param>
    /// <param name="max">The total time allowed.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The matching message.</returns>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? max = null, string hint = "") => FishForMessage<object>(isMessage, max, hint);

    /// <summary>Skips messages until one of type <typeparamref name="T"/> satisfies <paramref name="isMessage"/>.</summary>
    /// <typeparam name="T">The type of the wanted message.</typeparam>
    /// <param name="isMessage">The condition.</param>
    /// <param name="max">The total time allowed.</param>
    /// <param name="hint">Added to the failure message.</param>
    /// <returns>The matching message.</returns>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? max = null, string hint = "")
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var limit = RemainingOrDilated(max);
        var deadline = Now + limit;
        while (true)
        {
            if (!TryReceiveOne(Max(deadline - Now, TimeSpan.Zero), out var envelope))
            {
                throw Fail($"Timeout ({limit}) during FishForMessage{Hint(hint)}");
            }

            if (envelope.Message is T typed && isMessage(typed))
            {
                return typed;
            }
        }
    }

    /// <inheritdoc cref="FishForMessage{T}"/>
    public Task<T> FishForMessageAsync<T>(Predicate<T> isMessage, TimeSpan? max = null, string hint = "") =>
        Dispatcher is not null ? Task.FromResult(FishForMessage(isMessage, max, hint)) : Task.Run(() => FishForMessage(isMessage, max, hint));

    /// <summary>Receives <paramref name="count"/> messages within <paramref name="max"/> in total.</summary>
    /// <param name="count">How many.</param>
    /// <param name="max">The total time allowed.</param>
    /// <returns>The messages in arrival order.</returns>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null)
    {
        var limit = RemainingOrDilated(max);
        var deadline = Now + limit;
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            if (!TryReceiveOne(Max(deadline - Now, TimeSpan.Zero), out var envelope))
            {
                throw Fail($"Timeout ({limit}) while waiting for {count} messages (got {messages.Count})");
            }

            messages.Add(envelope.Message);
        }

        return messages;
    }

    private static string Hint(string? hint) => string.IsNullOrEmpty(hint) ? string.Empty : $" [{hint}]";

    private static string Describe(object? message) => message is null ? "null" : $"{message} ({message.GetType().Name})";

    private Envelope? Take(TimeSpan? timeout, out TimeSpan max)
    {
        max = RemainingOrDilated(timeout);
        return TryReceiveOne(max, out var envelope) ? envelope : null;
    }

    private static T CheckExpected<T>(Envelope? envelope, TimeSpan max, Predicate<T>? condition, Action<T>? assert, string what, string? hint)
    {
        if (envelope is not { } received)
        {
            throw Fail($"Timeout ({max}) while waiting for {what}{Hint(hint)}");
        }

        if (received.Message is not T typed)
        {
            throw Fail($"Expected {what}{Hint(hint)} but received {Describe(received.Message)} from {received.Sender}");
        }

        if (condition is not null && !condition(typed))
        {
            throw Fail($"Expected {what}{Hint(hint)} but received {Describe(received.Message)} from {received.Sender}");
        }

        assert?.Invoke(typed);
        return typed;
    }
}
