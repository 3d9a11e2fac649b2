namespace ActorPostmaster.TestKit;

/// <summary>Applies an event filter around a block of test code.</summary>
/// <remarks>Akka.NET: <c>IEventFilterApplier</c>.</remarks>
public interface IEventFilterApplier
{
    /// <summary>Runs <paramref name="action"/> and expects exactly one matching event (waiting up to the filter leeway for it).</summary>
    /// <param name="action">The block.</param>
    void ExpectOne(Action action);

    /// <summary>Runs <paramref name="func"/>, expects exactly one matching event, and returns the result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="func">The block.</param>
    T ExpectOne<T>(Func<T> func);

    /// <inheritdoc cref="ExpectOne(Action)"/>
    Task ExpectOneAsync(Func<Task> action);

    /// <summary>Runs <paramref name="action"/> and expects exactly <paramref name="expectedCount"/> matching events.</summary>
    /// <param name="expectedCount">How many.</param>
    /// <param name="action">The block.</param>
    void Expect(int expectedCount, Action action);

    /// <inheritdoc cref="Expect(int, Action)"/>
    Task ExpectAsync(int expectedCount, Func<Task> action);

    /// <summary>Keeps matching events out of the test output until the returned handle is disposed.</summary>
    IDisposable Mute();

    /// <summary>Keeps matching events out of the test output while <paramref name="action"/> runs.</summary>
    /// <param name="action">The block.</param>
    void Mute(Action action);
}
