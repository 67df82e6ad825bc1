using System.Reflection;
using System.Runtime.Loader;

// Old against new in one process: each build of tests/StaticNet.Benchmarks (its output folder, copied aside) is loaded
// into a load context of its own, and one of its reports runs for each build in turn, round after round. On a shared
// machine whose speed drifts 10-40 % from minute to minute, builds alternated within seconds of each other in one
// process are the fairest comparison: separate runs minutes apart were not.
//
//   dotnet run -c Release --project tests/CompareBuilds -- <old folder> <new folder> <rounds> <report> [<argument>]
//
// <report> is a static method of the benchmarks as Type.Method: Breakdown.Report, LeNetBenchmark.Report (argument true:
// training only), RecurrentBenchmark.Report (argument true: streaming only). The first round includes the JIT's tiering;
// compare the later ones.
if (args.Length < 4 || !args[3].Contains('.'))
{
    Console.Error.WriteLine("usage: <old folder> <new folder> <rounds> <Type.Method> [true|false]");
    return 2;
}

string[] folders = [Path.GetFullPath(args[0]), Path.GetFullPath(args[1])];
int rounds = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
string typeName = args[3][..args[3].LastIndexOf('.')], methodName = args[3][(args[3].LastIndexOf('.') + 1)..];
MethodInfo[] reports = folders.Select(folder =>
{
    string assemblyPath = Path.Combine(folder, "StaticNet.Benchmarks.dll");
    if (!File.Exists(assemblyPath))
    {
        throw new FileNotFoundException($"No StaticNet.Benchmarks.dll in {folder}.", assemblyPath);
    }

    Assembly benchmarks = new BuildContext(folder).LoadFromAssemblyPath(assemblyPath);
    Type type = benchmarks.GetTypes().FirstOrDefault(t => t.Name == typeName)
        ?? throw new ArgumentException($"{folder} has no type {typeName}.");
    return type.GetMethod(methodName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw new ArgumentException($"{typeName} in {folder} has no static method {methodName}.");
}).ToArray();

for (int round = 0; round < rounds; round++)
{
    for (int build = 0; build < 2; build++)
    {
        Console.WriteLine($"=== {(build == 0 ? "old" : "new")}, round {round + 1}");
        MethodInfo report = reports[build];
        object?[] arguments = report.GetParameters().Length == 0 ? [] : [args.Length > 4 && bool.Parse(args[4])];
        report.Invoke(null, arguments);
    }
}

return 0;

/// <summary>Resolves a build's own assemblies (StaticNet, ONNX Runtime, …) from its folder, the framework's from the default context.</summary>
internal sealed class BuildContext(string folder) : AssemblyLoadContext(isCollectible: false)
{
    protected override Assembly? Load(AssemblyName name)
    {
        string path = Path.Combine(folder, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
