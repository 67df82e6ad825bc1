using System;
using StaticNet.Generator.Model;
using static StaticNet.Generator.Emit.TypeNames;

namespace StaticNet.Generator.Emit;

/// <summary>Reopens a network class for its generated half: its namespace, its enclosing types, then the class itself.</summary>
internal static class TypeWriter
{
    public static void Write(SourceWriter w, TypeIdentity type, Action body)
    {
        if (type.Namespace is null)
        {
            WriteTypes(w, type, 0, body);
        }
        else
        {
            using (w.Open($"namespace {Identifiers.EscapeNamespace(type.Namespace)}"))
            {
                WriteTypes(w, type, 0, body);
            }
        }
    }

    private static void WriteTypes(SourceWriter w, TypeIdentity type, int depth, Action body)
    {
        if (depth < type.ContainingTypes.Count)
        {
            ContainingTypeSpec outer = type.ContainingTypes[depth];
            using (w.Open($"partial {outer.Keyword} {outer.Identifier}"))
            {
                WriteTypes(w, type, depth + 1, body);
            }

            return;
        }

        w.WriteLine($"[{GeneratedCode}(\"StaticNet.Generator\", \"{NetworkEmitter.GeneratorVersion}\")]");
        using (w.Open($"partial {type.Keyword} {type.Identifier} : {INetwork}"))
        {
            body();
        }
    }
}
