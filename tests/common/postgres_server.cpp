#include "postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "store/postgres.h"

namespace textra::testing {
namespace fs = std::filesystem;
namespace {

// The folder of initdb and pg_ctl: $TEXTRA_PG_BIN, else Debian's newest /usr/lib/postgresql/N/bin.
std::string pg_bin_dir() {
  if (const char* env = std::getenv("TEXTRA_PG_BIN")) return env;
  std::string best;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    fs::path bin = entry.path() / "bin";
    if (fs::exists(bin / "initdb") && (best.empty() || bin.string() > best)) best = bin.string();
  }
  return best;
}

// PostgreSQL refuses to run as root: then it runs as this account.
const passwd* server_account() {
  if (geteuid() != 0) return nullptr;
  if (const passwd* pw = getpwnam("postgres")) return pw;
  return getpwnam("nobody");
}

// Runs a program as the server account, output to log; true when it exits 0.
bool run_as_server(const std::vector<std::string>& args, const std::string& log) {
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
    }
    if (const passwd* pw = server_account()) {
      if (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0) _exit(126);
    }
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void give_to_server_account(const fs::path& path) {
  const passwd* pw = server_account();
  if (pw == nullptr) return;
  for (const auto& entry : fs::recursive_directory_iterator(path)) {
    (void)lchown(entry.path().c_str(), pw->pw_uid, pw->pw_gid);
  }
  (void)chown(path.c_str(), pw->pw_uid, pw->pw_gid);
}

int free_loopback_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

// initdb once per machine and PostgreSQL version, under a lock so parallel test processes wait for it.
std::string template_cluster(const std::string& bin, std::string* why_not) {
  std::string base = "/tmp/textra-test-pg-template-" + fs::path(bin).parent_path().filename().string();
  int lock = ::open((base + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock < 0 || flock(lock, LOCK_EX) != 0) {
    *why_not = base + ".lock: cannot lock";
    if (lock >= 0) close(lock);
    return "";
  }
  std::string result = base;
  if (!fs::exists(fs::path(base) / "PG_VERSION")) {
    std::string building = base + ".building";
    fs::remove_all(building);
    fs::create_directories(building);
    give_to_server_account(building);
    if (!run_as_server({bin + "/initdb", "-D", building, "-U", "textra", "-A", "trust", "-E", "UTF8", "--locale=C",
                        "-N"}, "/tmp/textra-test-pg-initdb.log")) {
      *why_not = "initdb failed (see /tmp/textra-test-pg-initdb.log)";
      result = "";
    } else {
      fs::rename(building, base);
    }
  }
  flock(lock, LOCK_UN);
  close(lock);
  return result;
}

}  // namespace

std::unique_ptr<PostgresServer> PostgresServer::start(std::string* why_not, bool durable) {
  std::string bin = pg_bin_dir();
  if (bin.empty()) {
    *why_not = "no initdb under /usr/lib/postgresql (install Debian's postgresql package, or set TEXTRA_PG_BIN)";
    return nullptr;
  }
  std::string cluster = template_cluster(bin, why_not);
  if (cluster.empty()) return nullptr;
  char pattern[] = "/tmp/textra-test-pg-XXXXXX";
  if (mkdtemp(pattern) == nullptr) {
    *why_not = "cannot create a temporary folder";
    return nullptr;
  }
  std::error_code ec;
  fs::copy(cluster, fs::path(pattern) / "data", fs::copy_options::recursive, ec);
  if (ec) {
    *why_not = "cannot copy the template cluster: " + ec.message();
    fs::remove_all(pattern);
    return nullptr;
  }
  fs::permissions(fs::path(pattern) / "data", fs::perms::owner_all, ec);  // PostgreSQL insists on 0700
  give_to_server_account(pattern);
  std::unique_ptr<PostgresServer> server(new PostgresServer(pattern, free_loopback_port(), durable));
  if (!server->start()) {
    *why_not = "the server did not start (see " + server->dir_ + "/log)";
    return nullptr;  // the destructor stops what may have started and removes the folder
  }
  return server;
}

bool PostgresServer::start() {
  std::string options = "-p " + std::to_string(port_) + " -k " + dir_ +
                        " -c listen_addresses=127.0.0.1 -c max_connections=200" + (durable_ ? "" : " -c fsync=off");
  return run_as_server({pg_bin_dir() + "/pg_ctl", "-D", dir_ + "/data", "-l", dir_ + "/log", "-w", "-t", "60", "-o",
                        options, "start"}, dir_ + "/pg_ctl.log");
}

void PostgresServer::stop() {
  run_as_server({pg_bin_dir() + "/pg_ctl", "-D", dir_ + "/data", "-m", "immediate", "-w", "stop"},
                dir_ + "/pg_ctl.log");
}

PostgresServer::~PostgresServer() {
  stop();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string PostgresServer::url(const std::string& database) {
  std::string base = "postgresql://textra@127.0.0.1:" + std::to_string(port_) + "/";
  if (!created_.count(database)) {
    if (auto admin = store::PgConnection::connect(base + "postgres")) {
      (void)(*admin)->exec("DROP DATABASE IF EXISTS \"" + database + "\"");
      (void)(*admin)->exec("CREATE DATABASE \"" + database + "\"");
    }
    created_.insert(database);
  }
  return base + database;
}

PostgresServer* shared_postgres(std::string* why_not) {
  static std::string failure;
  static std::unique_ptr<PostgresServer> server = PostgresServer::start(&failure);
  if (!server) *why_not = failure;
  return server.get();
}

}  // namespace textra::testing
