import Experiments
import Testing

@Suite struct ShardEnvironmentTests {
    private func shard(_ environment: [String: String], count: Int? = nil) throws(ExperimentError) -> Shard {
        try Shard.fromBatchEnvironment(environment, count: count)
    }

    private func refusal(_ environment: [String: String], count: Int? = nil) -> String {
        do {
            _ = try shard(environment, count: count)
            return ""
        } catch {
            return error.message
        }
    }

    @Test func aKubernetesIndexedJobCountsFromZero() throws {
        #expect(try shard(["JOB_COMPLETION_INDEX": "0"], count: 16) == Shard(index: 1, count: 16))
        #expect(try shard(["JOB_COMPLETION_INDEX": "15", "KEEPALIVE_LAB_SHARD_COUNT": "16"]) == Shard(index: 16, count: 16))
    }

    @Test func aKubernetesJobWithoutItsCompletionCountIsExplained() {
        #expect(refusal(["JOB_COMPLETION_INDEX": "3"]).contains("pass --shard-count N or set KEEPALIVE_LAB_SHARD_COUNT"))
        #expect(refusal(["JOB_COMPLETION_INDEX": "16"], count: 16).contains("not below the completion count 16"))
        #expect(refusal(["JOB_COMPLETION_INDEX": "x"], count: 16).contains("JOB_COMPLETION_INDEX is 'x'"))
    }

    @Test func aSlurmArrayMayStartAtOneOrStep() throws {
        let zeroBased = ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "100"]
        #expect(try shard(zeroBased) == Shard(index: 1, count: 100))
        let oneBased = ["SLURM_ARRAY_TASK_ID": "100", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "100"]
        #expect(try shard(oneBased) == Shard(index: 100, count: 100))
        let stepped = ["SLURM_ARRAY_TASK_ID": "6", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_STEP": "2",
                       "SLURM_ARRAY_TASK_COUNT": "5"]
        #expect(try shard(stepped) == Shard(index: 4, count: 5))
    }

    @Test func inconsistentSlurmVariablesAreExplained() {
        #expect(refusal(["SLURM_ARRAY_TASK_ID": "3"]).contains("SLURM_ARRAY_TASK_COUNT is not"))
        #expect(refusal(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4"], count: 5).contains("leave out --shard-count"))
        #expect(refusal(["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "4"])
            .contains("must number its tasks consecutively"))
        #expect(refusal(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_STEP": "2",
                         "SLURM_ARRAY_TASK_COUNT": "4"]).contains("is not in the array"))
    }

    @Test func noOrTwoBatchSystemsAreExplained() {
        #expect(refusal([:]).contains("neither JOB_COMPLETION_INDEX"))
        #expect(refusal(["JOB_COMPLETION_INDEX": "1", "SLURM_ARRAY_TASK_ID": "1"]).contains("ambiguous"))
    }

    @Test func shardTextIsIOverN() throws {
        #expect(try Shard(parsing: "3/16") == Shard(index: 3, count: 16))
        for bad in ["0/4", "5/4", "3", "a/b", "1/0", "-1/4"] {
            #expect(throws: ExperimentError.self) { try Shard(parsing: bad) }
        }
    }
}
