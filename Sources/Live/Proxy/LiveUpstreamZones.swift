import ProxyModel
import Synchronization

/// The balancers of upstreams with a `zone`, shared by every worker thread
/// of one built-in proxy: nginx keeps them in shared memory behind the
/// zone's mutex (ngx_http_upstream_rr_peers_wlock); here a Mutex, held for
/// one worker input at a time. Upstreams without a zone keep their balancer
/// inside each worker's `NginxWorker`, untouched by this lock.
final class LiveUpstreamZones: Sendable {
    let state: Mutex<SharedUpstreamZones>

    init(plan: NginxWorkerPlan) {
        state = Mutex(SharedUpstreamZones(plan: plan))
    }
}
