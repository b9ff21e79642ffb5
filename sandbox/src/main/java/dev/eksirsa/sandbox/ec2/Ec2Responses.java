package dev.eksirsa.sandbox.ec2;

import dev.eksirsa.sandbox.http.AwsError;
import dev.eksirsa.sandbox.http.AwsResponse;
import dev.eksirsa.sandbox.http.Xml;

/** EC2's XML shapes: {@code <XResponse xmlns=...><requestId>} bodies, {@code item} lists, its error envelope. */
final class Ec2Responses {
    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private Ec2Responses() {}

    static Xml envelope(String action, String requestId) {
        return Xml.root(action + "Response", NAMESPACE).add("requestId", requestId);
    }

    static AwsResponse ok(Xml envelope) {
        return AwsResponse.xml(200, envelope.render());
    }

    static AwsResponse error(AwsError error, String requestId) {
        Xml root = Xml.root("Response", null)
                .add(Xml.el("Errors")
                        .add(Xml.el("Error").add("Code", error.code()).add("Message", error.getMessage())))
                .add("RequestID", requestId);
        return AwsResponse.xml(error.status(), root.render());
    }

    static Xml vpc(Vpc vpc) {
        return Xml.el("item")
                .add("ownerId", vpc.ownerId())
                .add("instanceTenancy", "default")
                .add(Xml.el("cidrBlockAssociationSet")
                        .add(Xml.el("item")
                                .add("associationId", vpc.cidrAssociationId())
                                .add("cidrBlock", vpc.cidrBlock())
                                .add(Xml.el("cidrBlockState").add("state", "associated"))))
                .add("isDefault", vpc.isDefault())
                .add("vpcId", vpc.vpcId())
                .add("state", "available")
                .add("cidrBlock", vpc.cidrBlock())
                .add("dhcpOptionsId", vpc.dhcpOptionsId());
    }

    static Xml subnet(Subnet subnet) {
        return Xml.el("item")
                .add("availabilityZoneId", subnet.availabilityZoneId())
                .add("mapCustomerOwnedIpOnLaunch", false)
                .add("ownerId", subnet.ownerId())
                .add("assignIpv6AddressOnCreation", false)
                .add(Xml.el("ipv6CidrBlockAssociationSet"))
                .add("subnetArn", subnet.subnetArn())
                .add("enableDns64", false)
                .add("ipv6Native", false)
                .add(Xml.el("privateDnsNameOptionsOnLaunch")
                        .add("hostnameType", "ip-name")
                        .add("enableResourceNameDnsARecord", false)
                        .add("enableResourceNameDnsAAAARecord", false))
                .add("subnetId", subnet.subnetId())
                .add("state", "available")
                .add("vpcId", subnet.vpcId())
                .add("cidrBlock", subnet.cidrBlock())
                .add("availableIpAddressCount", subnet.availableIpAddressCount())
                .add("availabilityZone", subnet.availabilityZone())
                .add("defaultForAz", subnet.defaultForAz())
                .add("mapPublicIpOnLaunch", true);
    }

    static Xml region(Region region) {
        return Xml.el("item")
                .add("regionName", region.regionName())
                .add("regionEndpoint", region.endpoint())
                .add("optInStatus", region.optInStatus());
    }

    static Xml zone(AvailabilityZone zone) {
        return Xml.el("item")
                .add("zoneName", zone.zoneName())
                .add("zoneId", zone.zoneId())
                .add("zoneState", "available")
                .add("regionName", zone.regionName())
                .add("groupName", zone.regionName())
                .add("networkBorderGroup", zone.regionName())
                .add("optInStatus", "opt-in-not-required")
                .add("zoneType", "availability-zone")
                .add(Xml.el("messageSet"));
    }
}
