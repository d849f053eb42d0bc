import ProxyModel
import Scenario
import Testing

/// What `nginx import` reads from an nginx.conf into the model.
@Suite struct NginxConfImportTests {
    static let typical = """
        user www-data;
        worker_processes 4;
        events {
            worker_connections 1024;
            multi_accept on;
        }
        http {
            gzip on;
            keepalive_timeout 30s;
            proxy_http_version 1.1;
            proxy_read_timeout 5s;
            upstream api {
                least_conn;
                server 10.0.0.1:3000 weight=2 max_fails=3 fail_timeout=30s max_conns=100;
                server 10.0.0.2:3000 backup;
                server 10.0.0.3:3000 down;
                keepalive 16;
                keepalive_timeout 4s;
                keepalive_requests 500;
                zone api 64k;
            }
            server {
                listen 80 reuseport;
                proxy_set_header Connection "";
                location / {
                    proxy_pass http://api/v1/;
                    proxy_next_upstream error timeout http_502 non_idempotent;
                    proxy_next_upstream_tries 2;
                }
                location /static/ {
                    root /var/www;
                }
            }
        }
        """

    @Test func upstreamServersKeepEveryParameterAndTheBlockItsDirectives() throws {
        let files = try NginxConfFiles(["nginx.conf": Self.typical])
        defer { files.remove() }
        let nginx = try files.importedModel("nginx.conf").nginx
        let upstream = try #require(nginx.upstreams.first)
        #expect(upstream.name == "api")
        #expect(upstream.servers.map(\.address) == ["10.0.0.1:3000", "10.0.0.2:3000", "10.0.0.3:3000"])
        #expect(upstream.servers[0].weight == 2 && upstream.servers[0].maxFails == 3)
        #expect(upstream.servers[0].failTimeout == .seconds(30) && upstream.servers[0].maxConns == 100)
        #expect(upstream.servers[1].isBackup && upstream.servers[2].isDown)
        #expect(upstream.balancing == .leastConn)
        let cache = try #require(upstream.cache.settings)
        #expect(cache.capacity == 16 && cache.keepaliveTimeout == .seconds(4) && cache.keepaliveRequests == 500)
        #expect(upstream.zone == "api")
    }

    @Test func locationsInheritProxySettingsFromHttpAndServer() throws {
        let files = try NginxConfFiles(["nginx.conf": Self.typical])
        defer { files.remove() }
        let nginx = try files.importedModel("nginx.conf").nginx
        // multi_accept on is not simulated: left out with a note (directivesTheModelDoesNotSimulateAreLeftOutWithANote).
        #expect(nginx.workerProcesses == 4 && nginx.workerConnections == 1024 && !nginx.multiAccept && nginx.reuseport)
        #expect(nginx.client.keepaliveTimeout == .seconds(30))
        let location = try #require(nginx.locations.first)
        #expect(nginx.locations.count == 1, "the location without proxy_pass is not a model location")
        #expect(location.path == "/")
        #expect(location.proxyHTTPVersion == .http11)
        #expect(location.connectionHeader == .fixed(.empty))
        #expect(location.proxyReadTimeout == .seconds(5))
        #expect(location.proxyNextUpstream == [.error, .timeout, .http502, .nonIdempotent])
        #expect(location.proxyNextUpstreamTries == 2)
    }

    @Test func aLocationWithAnyProxySetHeaderInheritsNoConnectionHeader() throws {
        let files = try NginxConfFiles(["nginx.conf": """
            http {
                upstream app { server 10.0.0.1:80; keepalive 4; }
                proxy_set_header Connection "";
                server {
                    location /a { proxy_pass http://app; }
                    location /b { proxy_pass http://app; proxy_set_header Host $host; }
                }
            }
            """])
        defer { files.remove() }
        let locations = try files.importedModel("nginx.conf").nginx.locations
        #expect(locations.map(\.connectionHeader) == [.fixed(.empty), .fixed(.close)], "classic default close where nothing is inherited")
    }

    @Test func theWebSocketMapGivesTheConnectionHeaderOfPlainRequests() throws {
        let files = try NginxConfFiles(["nginx.conf": """
            http {
                map $http_upgrade $connection_upgrade {
                    default upgrade;
                    ''      close;
                }
                server {
                    location / {
                        proxy_pass http://10.0.0.1:8080;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                    }
                }
            }
            """])
        defer { files.remove() }
        let location = try #require(try files.importedModel("nginx.conf").nginx.locations.first)
        #expect(location.connectionHeader == .upgradeMap(plainRequests: .close))
    }

    @Test func directivesTheModelDoesNotCoverAreNotedWithTheirLine() throws {
        let files = try NginxConfFiles(["nginx.conf": Self.typical])
        defer { files.remove() }
        let result = try files.importing("nginx.conf").get()
        for expected in [
            "ignored: user www-data (line 1)", "ignored: gzip on (line 8)",
            "ignored: location /static/ { ... } (line 30): no proxy_pass",
        ] {
            #expect(result.notes.contains(expected), "notes lack \(expected): \(result.notes)")
            #expect(result.modelText.contains("//   " + expected), "the model's comments lack \(expected)")
        }
    }

    @Test func theBalancingMethodAfterKeepaliveIsKeptInItsOrder() throws {
        let files = try NginxConfFiles(["nginx.conf": """
            http { upstream app { server 10.0.0.1:80; keepalive 8; least_conn; } server { location / { proxy_pass http://app; } } }
            """])
        defer { files.remove() }
        let model = try files.importedModel("nginx.conf")
        #expect(model.nginx.upstreams[0].balancing == .leastConn)
        #expect(model.nginx.upstreams[0].cache.settings == nil, "nginx 1.22.1: the method replaced the cache's hooks")
    }

    @Test func quotesEscapesAndCommentsFollowNginxsReader() throws {
        let files = try NginxConfFiles(["nginx.conf": """
            # a comment { with braces; }
            http{upstream 'my app'{server "10.0.0.1:80" ; keepalive 2;}# trailing
              server { location "/with space" { proxy_pass "http://my app"; proxy_set_header Connection 'close'; } }
            }
            """])
        defer { files.remove() }
        let nginx = try files.importedModel("nginx.conf").nginx
        #expect(nginx.upstreams[0].name == "my app")
        #expect(nginx.locations[0].path == "/with space")
        #expect(nginx.locations[0].connectionHeader == .fixed(.close))
    }

    @Test func includesFollowGlobsRelativeToTheMainFile() throws {
        let files = try NginxConfFiles([
            "nginx.conf": "events {} http { include conf.d/*.conf; server { include snippets/proxy; } }",
            "conf.d/b.conf": "upstream b { server 10.0.0.2:80; }",
            "conf.d/a.conf": "upstream a { server 10.0.0.1:80; }",
            "snippets/proxy": "location /a { proxy_pass http://a; } location /b { proxy_pass http://b; }",
        ])
        defer { files.remove() }
        let nginx = try files.importedModel("nginx.conf").nginx
        #expect(nginx.upstreams.map(\.name) == ["a", "b"], "glob matches in sorted order")
        #expect(nginx.locations.map(\.path) == ["/a", "/b"])
    }

    @Test func workerProcessesAutoTakesTheStatedCores() throws {
        let files = try NginxConfFiles(["nginx.conf": "worker_processes auto; http { server { location / { proxy_pass http://10.0.0.1; } } }"])
        defer { files.remove() }
        let result = try files.importing("nginx.conf").get()
        #expect(result.notes.contains("worker_processes auto (line 1): 4, test"))
        #expect(try files.importedModel("nginx.conf").nginx.workerProcesses == 4)
    }

    @Test func backendsTrafficAndNetworkAreMarkedToBeFilledIn() throws {
        let files = try NginxConfFiles(["nginx.conf": Self.typical])
        defer { files.remove() }
        var options = NginxConfFiles.options()
        options.backendProfile = "node-20"
        let text = try files.importing("nginx.conf", options: options).get().modelText
        #expect(text.contains("// To be filled in: the servers behind nginx"))
        #expect(text.contains("// To be filled in: the delays between clients"))
        #expect(text.contains("// To be filled in: the traffic nginx sees"))
        #expect(text.contains("backends: { api: { profile: \"node-20\""))
    }

    @Test func upstreamsNoLocationPassesToAreDroppedWithANote() throws {
        let files = try NginxConfFiles(["nginx.conf": """
            http { upstream used { server 10.0.0.1:80; } upstream spare { server 10.0.0.9:80; }
                   server { location / { proxy_pass http://used; } } }
            """])
        defer { files.remove() }
        let result = try files.importing("nginx.conf").get()
        #expect(result.notes.contains("ignored: upstream spare (line 1): no location passes to it"))
        #expect(try files.importedModel("nginx.conf").nginx.upstreams.map(\.name) == ["used"])
    }

    @Test func directivesTheModelDoesNotSimulateAreLeftOutWithANote() throws {
        let files = try NginxConfFiles(["nginx.conf": """
            events { multi_accept on; accept_mutex on; accept_mutex_delay 100ms; }
            http { server { location / { proxy_pass http://10.0.0.1; } } }
            """])
        defer { files.remove() }
        let result = try files.importing("nginx.conf").get()
        #expect(result.notes.contains { $0.hasPrefix("ignored: multi_accept on (line 1): not simulated") }, "\(result.notes)")
        #expect(result.notes.contains { $0.hasPrefix("ignored: accept_mutex_delay (line 1): not simulated") }, "\(result.notes)")
        let nginx = try files.importedModel("nginx.conf").nginx
        #expect(!nginx.multiAccept && nginx.acceptMutex)
        #expect(nginx.upstreams.first?.servers.first?.address == "10.0.0.1:80", "nginx's default port")
    }

    @Test(arguments: [("$request_uri", "$request_uri"), ("$remote_addr", "$remote_addr"), ("$cookie_session", "$request_uri")])
    func hashKeysTheModelKnowsAreKeptOthersAreNoted(written: String, imported: String) throws {
        let files = try NginxConfFiles(["nginx.conf": """
            http { upstream app { hash \(written) consistent; server 10.0.0.1:80; server 10.0.0.2:80; }
                   server { location / { proxy_pass http://app; } } }
            """])
        defer { files.remove() }
        let result = try files.importing("nginx.conf").get()
        let upstream = try #require(files.importedModel("nginx.conf").nginx.upstreams.first)
        #expect(upstream.balancing == .hash(consistent: true))
        #expect(upstream.hashKey?.rawValue == imported)
        #expect(result.notes.contains { $0.hasPrefix("hash \(written)") } == (written != imported), "\(result.notes)")
    }
}
