"""Event clustering: cheap per-report features, a candidate index on rare words, incremental average linkage.

``cluster_reports(reports)`` groups reports into events in one batch; ``ClusterState().add(reports)`` does the same
as reports arrive. Both return :class:`Cluster` records whose ids derive from the members' content.
"""

from rashomon.cluster.settings import DEFAULT_CLUSTER, ClusterSettings
from rashomon.cluster.state import Cluster, ClusterState, cluster_id, cluster_reports

__all__ = ["DEFAULT_CLUSTER", "Cluster", "ClusterSettings", "ClusterState", "cluster_id", "cluster_reports"]
