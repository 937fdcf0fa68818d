using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Mediation.Host.Features.Cases.Records;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Host.Tests.Features.Cases.Records;

/// <summary>Uploads on a Host whose attachments folder is a fresh temporary folder, so what lands on disk can be counted.</summary>
public abstract class AttachmentsTests(MediationAppFactory app) : IDisposable
{
    private readonly List<string> folders = [];

    private static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    private static readonly byte[] ExeBytes = [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0];

    [Fact]
    public async Task Upload_StoresTheFileUnderARandomNameWithItsHash_AndDownloadGivesItBackAsAnAttachment()
    {
        var (host, folder) = Host();
        using var _ = host;
        var admin = await host.LoginToAsync();
        var number = await admin.NewCaseAsync();

        var response = await admin.PostAsync($"/api/cases/{number}/attachments", Form(PdfBytes, "调解笔录 第1次.pdf", "sessionRecord", "第一次调解"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(PdfBytes)), created.GetProperty("sha256").GetString());
        Assert.Equal("application/pdf", created.GetProperty("contentType").GetString());
        Assert.Equal("调解笔录 第1次.pdf", created.GetProperty("fileName").GetString());
        Assert.Equal(PdfBytes.Length, created.GetProperty("size").GetInt64());
        var stored = Assert.Single(Directory.GetFiles(folder));
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(stored));
        Assert.Equal(PdfBytes, await File.ReadAllBytesAsync(stored, TestContext.Current.CancellationToken));

        var download = await admin.GetAsync(created.GetProperty("downloadUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(PdfBytes, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("调解笔录 第1次.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var listed = await (await admin.GetAsync($"/api/cases/{number}/attachments")).JsonAsync();
        Assert.Equal("sessionRecord", Assert.Single(listed.EnumerateArray()).GetProperty("kind").GetString());
    }

    public static TheoryData<string, string, string> Spoofs => new()
    {
        { "exe", "invoice.pdf", "is not PDF, JPEG, PNG" },
        { "png", "scan.pdf", "holds a PNG image, but its name ends '.pdf'" },
        { "zip", "contract.docx", "not a Word or Excel document" },
        { "docm", "contract.docx", "macros" },
        { "pdf", "statement.txt", "holds a PDF, but its name ends '.txt'" },
        { "binary", "notes.txt", "is not PDF, JPEG, PNG" },
        { "pdf", "noextension", "its name ends ''" },
    };

    [Theory]
    [MemberData(nameof(Spoofs))]
    public async Task Upload_RefusesTheFile_WhenItsContentIsNotAnAllowedTypeOrDisagreesWithItsName(string content, string fileName, string problem)
    {
        var (host, folder) = Host();
        using var _ = host;
        var admin = await host.LoginToAsync();
        var number = await admin.NewCaseAsync();

        var response = await admin.PostAsync($"/api/cases/{number}/attachments", Form(Bytes(content), fileName, "evidence"));

        Assert.Equal(["file"], await response.ErrorFieldsAsync());
        Assert.Contains(problem, await response.ErrorAsync("file"));
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder) : []);
    }

    [Theory]
    [InlineData("docx", "协议.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("xlsx", "清单.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("png", "现场.PNG", "image/png")]
    [InlineData("jpeg", "身份证.jpeg", "image/jpeg")]
    [InlineData("text", "备考.txt", "text/plain; charset=utf-8")]
    public async Task Upload_AcceptsEachAllowedType_ByItsContent(string content, string fileName, string contentType)
    {
        var (host, _) = Host();
        using var __ = host;
        var admin = await host.LoginToAsync();
        var number = await admin.NewCaseAsync();

        var response = await admin.PostAsync($"/api/cases/{number}/attachments", Form(Bytes(content), fileName, "evidence"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(contentType, (await response.JsonAsync()).GetProperty("contentType").GetString());
    }

    [Theory]
    [InlineData("../../../etc/passwd.txt", "passwd.txt")]
    [InlineData(@"..\..\windows\win.ini.txt", "win.ini.txt")]
    [InlineData("/tmp/x/../../escape.txt", "escape.txt")]
    public async Task Upload_NeverUsesTheUploadedNameOnDisk_SoAPathInItGoesNowhere(string uploadedName, string shownName)
    {
        var (host, folder) = Host();
        using var _ = host;
        var admin = await host.LoginToAsync();
        var number = await admin.NewCaseAsync();
        var parent = Directory.GetParent(folder)!.FullName;
        var before = Directory.GetFileSystemEntries(parent).Length;

        var response = await admin.PostAsync($"/api/cases/{number}/attachments", Form(Bytes("text"), uploadedName, "fileNote"));
        var traversal = await admin.GetAsync($"/api/cases/{number}/attachments/..%2F..%2F..%2Fetc%2Fpasswd");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(shownName, (await response.JsonAsync()).GetProperty("fileName").GetString());
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(Assert.Single(Directory.GetFiles(folder))));
        Assert.Equal(before, Directory.GetFileSystemEntries(parent).Length);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task Upload_RefusesAFileOverTheLimitAndAnUnknownKind_ListingBoth()
    {
        var (host, folder) = Host(maxBytes: 1024);
        using var _ = host;
        var admin = await host.LoginToAsync();
        var number = await admin.NewCaseAsync();
        var tooBig = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 1100));

        var response = await admin.PostAsync($"/api/cases/{number}/attachments", Form(tooBig, "big.pdf", "photo"));
        var notMultipart = await admin.PostAsync($"/api/cases/{number}/attachments", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(["file", "kind"], await response.ErrorFieldsAsync());
        Assert.Contains("at most 1,024", await response.ErrorAsync("file"));
        Assert.Contains("applicationForm", await response.ErrorAsync("kind"));
        Assert.Equal(["file"], await notMultipart.ErrorFieldsAsync());
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder) : []);
    }

    [Fact]
    public async Task Upload_RemovesTheStoredFile_WhenTheDatabaseRefusesTheRow()
    {
        var folder = NewFolder();
        using var host = app.WithWebHostBuilder(b => b.UseSetting("Mediation:Attachments:Path", folder).ConfigureTestServices(s =>
        {
            s.ConfigureDbContext<SqliteHostDbContext>(o => o.AddInterceptors(new RefuseAttachments()));
            s.ConfigureDbContext<PostgreSqlHostDbContext>(o => o.AddInterceptors(new RefuseAttachments()));
        }));
        var admin = await host.LoginToAsync();
        var number = await admin.NewCaseAsync();

        var response = await admin.PostAsync($"/api/cases/{number}/attachments", Form(PdfBytes, "a.pdf", "evidence"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(Directory.GetFiles(folder));
        Assert.Empty((await (await admin.GetAsync($"/api/cases/{number}/attachments")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Upload_KeepsOneFile_WhenTheSameOperationIdComesAgain()
    {
        var (host, folder) = Host();
        using var _ = host;
        var admin = await host.LoginToAsync();
        var number = await admin.NewCaseAsync();
        var operationId = Guid.NewGuid().ToString();

        var first = await admin.PostAsync($"/api/cases/{number}/attachments", Form(PdfBytes, "a.pdf", "evidence", operationId: operationId));
        var again = await admin.PostAsync($"/api/cases/{number}/attachments", Form(PdfBytes, "a.pdf", "evidence", operationId: operationId));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetGuid(), (await again.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Single(Directory.GetFiles(folder));
    }

    private (WebApplicationFactory<Program> Host, string Folder) Host(long? maxBytes = null)
    {
        var folder = NewFolder();
        var host = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Mediation:Attachments:Path", folder);
            if (maxBytes is { } max) b.UseSetting("Mediation:Attachments:MaxBytes", max.ToString());
        });
        return (host, folder);
    }

    /// <summary>A folder of its own inside a parent of its own, so a file written beside it would show up; removed after the test.</summary>
    private string NewFolder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mediation-attachments-tests", Guid.NewGuid().ToString("n"), "files")).FullName;
        folders.Add(Directory.GetParent(folder)!.FullName);
        return folder;
    }

    public void Dispose()
    {
        foreach (var folder in folders.Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string kind, string? description = null, string? operationId = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // Set by hand so the name reaches the server exactly as given, path separators and all.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        form.Add(file);
        form.Add(new StringContent(kind), "kind");
        if (description is not null) form.Add(new StringContent(description), "description");
        if (operationId is not null) form.Add(new StringContent(operationId), "operationId");
        return form;
    }

    private static byte[] Bytes(string kind) => kind switch
    {
        "pdf" => PdfBytes,
        "png" => PngBytes,
        "jpeg" => [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46],
        "exe" => ExeBytes,
        "text" => Encoding.UTF8.GetBytes("卷内备考：本卷共 12 页。\r\nChecked\tOK\n"),
        "binary" => [0x00, 0x01, 0x02, 0x03, 0x10, 0x11],
        "zip" => Zip(("readme.txt", "hello")),
        "docx" => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")),
        "docm" => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("word/vbaProject.bin", "macro")),
        "xlsx" => Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The database refusing an attachment's row, after the file was written.</summary>
    private sealed class RefuseAttachments : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<CaseAttachment>().Any(e => e.State == EntityState.Added))
                throw new DbUpdateException("The test refuses attachment rows");
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}

public sealed class AttachmentsTestsOnSqlite(SqliteAppFactory app) : AttachmentsTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AttachmentsTestsOnPostgreSql(PostgreSqlAppFactory app) : AttachmentsTests(app.RequireServer()), IClassFixture<PostgreSqlAppFactory>;
