"""What the loans admin pages share: records that only the app's own code writes."""

from core.admin import PortalModelAdmin


class ReadOnlyAdmin(PortalModelAdmin):
    """Rows written only by the loans services (snapshots, imports): officers read them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
