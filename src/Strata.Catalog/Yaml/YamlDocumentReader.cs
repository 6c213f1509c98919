using Strata.Model.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Strata.Catalog.Yaml;

/// <summary>
/// Reads one YAML document into <see cref="YamlNode"/>s from the parser's event stream, enforcing
/// <see cref="YamlLimits"/> as it goes. Never recurses on input depth.
/// </summary>
public static class YamlDocumentReader
{
    public static YamlNode? Read(string file, string text, YamlLimits limits, ICollection<Diagnostic> diagnostics)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) > limits.MaxFileBytes)
        {
            diagnostics.Add(new(new(file, 1, 1), Severity.Error, DiagnosticCodes.Limit,
                $"the file is larger than the limit of {limits.MaxFileBytes:N0} bytes"));
            return null;
        }
        try
        {
            return ReadEvents(file, text, limits, diagnostics);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some malformed input instead of a YamlException.
            diagnostics.Add(new(new(file, 1, 1), Severity.Error, DiagnosticCodes.YamlSyntax,
                $"this is not valid YAML: the parser gave up ({e.Message.TrimEnd('.')}); check quotes, brackets and indentation"));
            return null;
        }
        catch (YamlException e)
        {
            var msg = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes messages with its own "(Line: .., Col: ..)" position; ours is in front already.
            var paren = msg.IndexOf("): ", StringComparison.Ordinal);
            if (msg.StartsWith("(Line", StringComparison.Ordinal) && paren > 0)
            {
                msg = msg[(paren + 3)..];
            }
            diagnostics.Add(new(new(file, (int)e.Start.Line, (int)e.Start.Column), Severity.Error, DiagnosticCodes.YamlSyntax,
                $"this is not valid YAML: {msg.TrimEnd('.')}"));
            return null;
        }
    }

    private static YamlNode? ReadEvents(string file, string text, YamlLimits limits, ICollection<Diagnostic> diagnostics)
    {
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<(YamlNode Node, string? Anchor, YamlScalar? PendingKey)>();
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var aliases = 0;
        YamlNode? root = null;
        var documents = 0;

        void Fail(ParsingEvent ev, string code, string message) =>
            diagnostics.Add(new(new(file, (int)ev.Start.Line, (int)ev.Start.Column), Severity.Error, code, message));

        // Attaches a finished node to its parent; returns false when reading must stop.
        bool Attach(YamlNode node, ParsingEvent ev)
        {
            if (stack.Count == 0)
            {
                root = node;
                return true;
            }
            var (parent, anchor, pendingKey) = stack.Pop();
            switch (parent)
            {
                case YamlSequence seq:
                    seq.Items.Add(node);
                    stack.Push((parent, anchor, null));
                    return true;
                case YamlMapping map when pendingKey is null:
                    if (node is not YamlScalar key)
                    {
                        Fail(ev, DiagnosticCodes.WrongType, "a mapping key must be a plain word, not a list or mapping");
                        return false;
                    }
                    stack.Push((parent, anchor, key));
                    return true;
                case YamlMapping map:
                    map.Entries.Add(new(pendingKey, node));
                    stack.Push((parent, anchor, null));
                    return true;
                default:
                    stack.Push((parent, anchor, pendingKey));
                    return true;
            }
        }

        bool CheckTag(NodeEvent ev)
        {
            if (!ev.Tag.IsEmpty && !ev.Tag.IsNonSpecific)
            {
                Fail(ev, DiagnosticCodes.TagNotAllowed, $"YAML tags such as '{ev.Tag.Value}' are not allowed in Strata files");
                return false;
            }
            return true;
        }

        while (parser.MoveNext())
        {
            var ev = parser.Current!;
            switch (ev)
            {
                case DocumentStart ds when !ds.IsImplicit || documents > 0:
                    documents++;
                    if (documents > 1)
                    {
                        Fail(ev, DiagnosticCodes.YamlSyntax, "a Strata file holds one YAML document; remove the second '---'");
                        return null;
                    }
                    break;
                case DocumentStart:
                    documents++;
                    break;
                case Scalar s:
                    if (!CheckTag(s))
                    {
                        return null;
                    }
                    if (s.Value.Length > limits.MaxScalarLength)
                    {
                        Fail(ev, DiagnosticCodes.Limit, $"this value is {s.Value.Length:N0} characters long; the limit is {limits.MaxScalarLength:N0}");
                        return null;
                    }
                    var scalar = new YamlScalar(s.Value, s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded,
                        (int)s.Start.Line, (int)s.Start.Column);
                    if (!s.Anchor.IsEmpty)
                    {
                        anchors[s.Anchor.Value] = scalar;
                    }
                    if (!Attach(scalar, ev))
                    {
                        return null;
                    }
                    break;
                case MappingStart ms:
                    if (!CheckTag(ms) || !Deeper(ev))
                    {
                        return null;
                    }
                    stack.Push((new YamlMapping((int)ms.Start.Line, (int)ms.Start.Column), ms.Anchor.IsEmpty ? null : ms.Anchor.Value, null));
                    break;
                case SequenceStart ss:
                    if (!CheckTag(ss) || !Deeper(ev))
                    {
                        return null;
                    }
                    stack.Push((new YamlSequence((int)ss.Start.Line, (int)ss.Start.Column), ss.Anchor.IsEmpty ? null : ss.Anchor.Value, null));
                    break;
                case MappingEnd or SequenceEnd:
                    var (done, doneAnchor, _) = stack.Pop();
                    // Anchors are registered only once their node is complete, so an alias can never
                    // point at an ancestor still being read: no cycles.
                    if (doneAnchor is not null)
                    {
                        anchors[doneAnchor] = done;
                    }
                    if (!Attach(done, ev))
                    {
                        return null;
                    }
                    break;
                case AnchorAlias alias:
                    if (++aliases > limits.MaxAliases)
                    {
                        Fail(ev, DiagnosticCodes.Limit, $"more than {limits.MaxAliases:N0} aliases in one file");
                        return null;
                    }
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        Fail(ev, DiagnosticCodes.YamlSyntax, $"the alias '*{alias.Value.Value}' refers to no finished anchor '&{alias.Value.Value}' before it");
                        return null;
                    }
                    if (!Attach(target, ev))
                    {
                        return null;
                    }
                    break;
            }
        }

        if (root is not null && aliases > 0)
        {
            var expanded = ExpandedSize(root, limits.MaxExpandedNodes);
            if (expanded > limits.MaxExpandedNodes)
            {
                diagnostics.Add(new(new(file, root.Line, root.Column), Severity.Error, DiagnosticCodes.Limit,
                    $"expanding the aliases in this file would make more than {limits.MaxExpandedNodes:N0} nodes (an alias bomb?)"));
                return null;
            }
        }
        return root;

        bool Deeper(ParsingEvent ev)
        {
            if (stack.Count >= limits.MaxDepth)
            {
                Fail(ev, DiagnosticCodes.Limit, $"the YAML nests deeper than {limits.MaxDepth} levels");
                return false;
            }
            return true;
        }
    }

    /// <summary>Counts nodes as a reader would visit them with aliases expanded, memoised per shared node and capped.</summary>
    private static long ExpandedSize(YamlNode root, long cap)
    {
        var memo = new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance);
        // Post-order without recursion.
        var work = new Stack<(YamlNode Node, bool ChildrenDone)>();
        work.Push((root, false));
        while (work.Count > 0)
        {
            var (node, childrenDone) = work.Pop();
            if (memo.ContainsKey(node))
            {
                continue;
            }
            var children = node switch
            {
                YamlSequence s => s.Items,
                YamlMapping m => m.Entries.SelectMany(e => new[] { (YamlNode)e.Key, e.Value }).ToList(),
                _ => [],
            };
            if (!childrenDone)
            {
                work.Push((node, true));
                foreach (var c in children.Where(c => !memo.ContainsKey(c)))
                {
                    work.Push((c, false));
                }
                continue;
            }
            long total = 1;
            foreach (var c in children)
            {
                total = Math.Min(cap + 1, total + memo[c]);
            }
            memo[node] = total;
        }
        return memo[root];
    }
}
