"""Checks the Kubernetes manifests: they parse, the kustomization lists them all, and the Deployment has the
probes, resources, graceful shutdown and hardening that operations rely on. Run by .ci/run."""
import pathlib
import sys

import yaml

base = pathlib.Path(__file__).parent / "base"
documents = {}
for path in sorted(base.glob("*.yaml")):
    for document in yaml.safe_load_all(path.read_text()):
        documents.setdefault(document["kind"], document)
        if document["kind"] != "Kustomization":
            documents[document["kind"]]["_file"] = path.name

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


for kind in ["Kustomization", "Deployment", "Service", "ConfigMap", "Secret", "HorizontalPodAutoscaler",
             "PodDisruptionBudget"]:
    check(kind in documents, f"no {kind}")

listed = set(documents["Kustomization"]["resources"])
for kind, document in documents.items():
    if kind != "Kustomization":
        check(document["_file"] in listed, f"{document['_file']} is not in kustomization.yaml")

pod = documents["Deployment"]["spec"]["template"]["spec"]
container = pod["containers"][0]
for probe, path in [("startupProbe", "/q/health/started"), ("livenessProbe", "/q/health/live"),
                    ("readinessProbe", "/q/health/ready")]:
    check(container.get(probe, {}).get("httpGet", {}).get("path") == path, f"{probe} is not on {path}")
for kind in ["requests", "limits"]:
    for resource in ["cpu", "memory"]:
        check(resource in container.get("resources", {}).get(kind, {}), f"no {kind}.{resource}")
check(pod.get("terminationGracePeriodSeconds", 0) >= 10, "terminationGracePeriodSeconds under 10 s")
check("preStop" in container.get("lifecycle", {}), "no preStop pause")
check(pod.get("securityContext", {}).get("runAsNonRoot") is True, "pod may run as root")
check(container.get("securityContext", {}).get("readOnlyRootFilesystem") is True, "root file system is writable")
check(container.get("securityContext", {}).get("allowPrivilegeEscalation") is False, "privilege escalation allowed")
check(documents["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]["name"] == documents["Deployment"]["metadata"]["name"],
      "the HPA scales another Deployment")
check("minAvailable" in documents["PodDisruptionBudget"]["spec"] or "maxUnavailable" in documents["PodDisruptionBudget"]["spec"],
      "the PodDisruptionBudget sets no bound")
env_sources = {source.get("configMapRef", source.get("secretRef", {})).get("name") for source in container.get("envFrom", [])}
check({documents["ConfigMap"]["metadata"]["name"], documents["Secret"]["metadata"]["name"]} <= env_sources,
      "the container does not take its environment from the ConfigMap and the Secret")

for overlay in (pathlib.Path(__file__).parent / "overlays").glob("*/kustomization.yaml"):
    yaml.safe_load(overlay.read_text())

if failures:
    print("Kubernetes manifests:", *failures, sep="\n  ")
    sys.exit(1)
print("Kubernetes manifests: ok")
