# A thin front end over the scripts; the scripts are what README documents.
.PHONY: run test bench build clean
run:
	./scripts/run.sh
test:
	./scripts/test.sh
bench:
	./scripts/bench.sh
build:
	cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DSIAK_BUILD_TESTS=OFF && cmake --build build/release -j $$(nproc)
clean:
	rm -rf build
