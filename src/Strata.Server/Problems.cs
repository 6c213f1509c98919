using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Strata.Application;
using Strata.Model.Diagnostics;
using Strata.Rendering.Json;

namespace Strata.Server;

/// <summary>One diagnostic of a problem: a place in the YAML profile (line, column) or in the JSON body (pointer), or neither.</summary>
public sealed record ProblemDiagnostic(string Severity, string Code, string Message, string? Pointer, int? Line, int? Column);

/// <summary>
/// An RFC 9457 problem (<c>application/problem+json</c>): <c>type</c> is a URN of Strata's stable problem code, and
/// <c>diagnostics</c> carries every diagnostic of the request at once, as the CLI prints them.
/// </summary>
public sealed record ProblemBody(int Status, string Title, string Detail, string Code, ImmutableArray<ProblemDiagnostic> Diagnostics)
{
    public const string MediaType = "application/problem+json";

    public string Type => "urn:strata:problem:" + Code;

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };

    public byte[] ToJson(string? instance)
    {
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, Options))
        {
            j.WriteStartObject();
            j.WriteString("type", Type);
            j.WriteString("title", Title);
            j.WriteNumber("status", Status);
            j.WriteString("detail", Detail);
            j.WriteString("instance", instance);
            j.WriteString("code", Code);
            j.WriteObjects("diagnostics", Diagnostics, d =>
            {
                j.WriteString("severity", d.Severity);
                j.WriteString("code", d.Code);
                j.WriteString("message", d.Message);
                j.WriteString("pointer", d.Pointer);
                j.WriteNumberOrNull("line", d.Line);
                j.WriteNumberOrNull("column", d.Column);
            });
            j.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static ProblemBody Of(int status, string code, string detail, params ImmutableArray<ProblemDiagnostic> diagnostics) =>
        new(status, TitleOf(status), detail, code, diagnostics.IsDefault ? [] : diagnostics);

    public static string TitleOf(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Error",
    };

    /// <summary>
    /// A bad-input outcome as a problem: 422 with every diagnostic (line:column inside the YAML profile; for a profile
    /// given as a JSON object, the pointer of the field on that line instead) and every problem sentence.
    /// </summary>
    public static ProblemBody FromOutcome<T>(Outcome<T> outcome, RequestBody? body) where T : class
    {
        var list = ImmutableArray.CreateBuilder<ProblemDiagnostic>();
        foreach (var d in outcome.Diagnostics)
        {
            var severity = d.Severity == Severity.Error ? "error" : "warning";
            if (body?.LinePointers is { } lines)
            {
                var pointer = d.Location.Line >= 1 && d.Location.Line <= lines.Length ? lines[d.Location.Line - 1] : "/profile";
                list.Add(new(severity, d.Code, d.Message, pointer, null, null));
            }
            else
            {
                list.Add(new(severity, d.Code, d.Message, outcome.Failed == RequestPart.Profile ? "/profile" : null, d.Location.Line, d.Location.Column));
            }
        }
        foreach (var p in outcome.Problems)
        {
            list.Add(new("error", p.Code, p.Message, PointerOf(p, outcome.Failed), null, null));
        }
        var errors = outcome.Diagnostics.Count(d => d.Severity == Severity.Error) + outcome.Problems.Length;
        var first = outcome.Problems.FirstOrDefault()?.Message ?? outcome.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error)?.ToString() ?? "the request cannot be used";
        var code = outcome.Diagnostics.Any(d => d.Code == DiagnosticCodes.Limit) ? DiagnosticCodes.Limit
            : outcome.Problems.FirstOrDefault()?.Code ?? (outcome.Failed == RequestPart.Profile ? "invalid-profile" : "invalid-request");
        var detail = errors > 1 ? $"{errors} problems; the first: {first}" : first;
        return Of(StatusCodes.Status422UnprocessableEntity, code, detail, list.ToImmutable());
    }

    private static string? PointerOf(Problem p, RequestPart? part) => part switch
    {
        RequestPart.Profile => "/profile",
        RequestPart.Weights => "/weights",
        RequestPart.Host => "/host",
        RequestPart.Request when p.Code == ProblemCodes.UnknownEvidence => "/evidence",
        RequestPart.Request when p.Subject is "stack" or "a" or "b" => "/" + p.Subject,
        _ => null,
    };

    /// <summary>Body fields that cannot be used, each at its pointer.</summary>
    public static ProblemBody FromBody(ImmutableArray<BodyError> errors) =>
        Of(StatusCodes.Status422UnprocessableEntity, errors.Length == 1 ? errors[0].Code : "invalid-request",
            errors.Length == 1 ? errors[0].Message : $"{errors.Length} problems in the body; the first: {errors[0].Message}",
            [.. errors.Select(e => new ProblemDiagnostic("error", e.Code, e.Message, e.Pointer, null, null))]);
}

/// <summary>A response of bytes already rendered: the contract JSON, a problem, Markdown, HTML.</summary>
public sealed class BytesResult(int status, string contentType, byte[] body) : IResult
{
    public int Status => status;

    public byte[] Body => body;

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var r = httpContext.Response;
        r.StatusCode = status;
        r.ContentType = contentType;
        r.ContentLength = body.Length;
        foreach (var (k, v) in Headers ?? new Dictionary<string, string>())
        {
            r.Headers[k] = v;
        }
        await r.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }

    public static BytesResult Problem(ProblemBody p, HttpContext ctx, IReadOnlyDictionary<string, string>? headers = null) =>
        new(p.Status, ProblemBody.MediaType, p.ToJson(ctx.Request.Path.Value)) { Headers = headers };

    public static BytesResult Json(string text, int status = 200) => new(status, "application/json; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(text));
}
