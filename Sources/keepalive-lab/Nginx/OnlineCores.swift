import Glibc

/// The processors online on this machine: what `worker_processes auto` means to nginx here
/// (ngx_ncpu, from sysconf(_SC_NPROCESSORS_ONLN) in ngx_os_init).
enum OnlineCores {
    static var count: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
