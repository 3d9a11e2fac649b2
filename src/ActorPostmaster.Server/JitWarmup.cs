using System.Reflection;
using System.Runtime.CompilerServices;

namespace ActorPostmaster.Server;

/// <summary>
/// Compiles the server's code ahead of its first use, on a low-priority background thread once the server runs.
/// </summary>
/// <remarks>
/// A postgres child is forked from a postmaster whose code is loaded and ready, so its first crash cycle costs what
/// every later one does. A .NET process compiles each method at its first call instead: measured on the storage
/// benchmark, the first crash cycle of a fresh actorpg took several times as long as the next ones, almost all of it
/// compiling the crash, recovery and checkpoint paths. Preparing every method of the server's assemblies up front
/// moves that cost to the idle time after the start. Generic methods are compiled at their first instantiation as before.
/// </remarks>
internal static class JitWarmup
{
    /// <summary>Starts compiling in the background.</summary>
    public static void Start() =>
        new Thread(Run) { IsBackground = true, Name = "jit warm-up" }.Start();

    private static void Run()
    {
        try
        {
            throw new InvalidOperationException("warm-up"); // the first exception a process throws costs more than the next ones
        }
        catch (InvalidOperationException)
        {
        }

        Assembly[] assemblies = [typeof(Hosting.PostgresServer).Assembly, typeof(Actors.ActorSystem).Assembly, typeof(Hocon.ConfigurationFactory).Assembly];
        foreach (var assembly in assemblies)
        {
            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = [.. e.Types.OfType<Type>()];
            }

            foreach (var type in types.Where(t => !t.ContainsGenericParameters))
            {
                try
                {
                    RuntimeHelpers.RunClassConstructor(type.TypeHandle); // static tables (keywords, settings, type maps) are built now
                }
#pragma warning disable CA1031 // a failing type initializer fails again, and is reported, where the type is first used
                catch (Exception)
                {
                }
#pragma warning restore CA1031

                const BindingFlags all = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
                foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
                {
                    if (method.IsAbstract || method.ContainsGenericParameters || (method.MethodImplementationFlags & MethodImplAttributes.InternalCall) != 0)
                    {
                        continue;
                    }

                    try
                    {
                        RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    }
#pragma warning disable CA1031 // whatever cannot be prepared here is compiled at its first call; the warm-up must never end the server
                    catch (Exception)
                    {
                    }
#pragma warning restore CA1031
                }
            }
        }
    }
}
