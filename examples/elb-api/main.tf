# A Classic load balancer written by hand against the AWS provider, the way existing Terraform
# looks: listeners 80->8080 (HTTP) and 443->443 (HTTPS) with an uploaded server certificate, a
# custom SSL negotiation policy, back-end authentication on instance port 443, a health check and
# two instances attached with aws_elb_attachment. Nothing in it knows about the local engine: only
# the provider block's endpoints (and the credentials) decide where it goes. See the repository
# README, "Point existing AWS Terraform at the local engine".

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "endpoint" {
  description = "Where the ELB, IAM, EC2 and STS calls go: the local engine's ELB API (`seclb elb-api credentials` prints it)."
  type        = string
}

variable "access_key" {
  description = "Access key ID the requests are signed with; null = the provider's usual sources (AWS_ACCESS_KEY_ID, ...)."
  type        = string
  default     = null
}

variable "secret_key" {
  description = "Secret access key the requests are signed with; null = the provider's usual sources (AWS_SECRET_ACCESS_KEY, ...)."
  type        = string
  default     = null
  sensitive   = true
}

variable "certificate_dir" {
  description = "Folder holding server.pem, server.key, chain.pem and backend-public-key.pem."
  type        = string
  default     = "certs"
}

variable "tls_protocols" {
  description = "Protocols the HTTPS listener accepts."
  type        = list(string)
  default     = ["Protocol-TLSv1.2"]
}

variable "tls_ciphers" {
  description = "Ciphers the HTTPS listener accepts, in server order."
  type        = list(string)
  default     = ["ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-SHA256"]
}

variable "instances" {
  description = "EC2 instance IDs behind the load balancer."
  type        = list(string)
  default     = ["i-0a1b2c3d4e5f60001", "i-0a1b2c3d4e5f60002"]
}

provider "aws" {
  region     = "us-east-1"
  access_key = var.access_key
  secret_key = var.secret_key

  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    elb = var.endpoint
    iam = var.endpoint
    sts = var.endpoint
    ec2 = var.endpoint
  }
}

locals {
  # The policy's name follows its content, so a cipher change creates a new policy, moves the
  # listener to it and only then deletes the old one. Under a fixed name the provider would unbind
  # the policy, delete it and create it again, leaving the listener without it in between.
  tls_attributes  = concat(var.tls_protocols, ["Server-Defined-Cipher-Order"], var.tls_ciphers)
  tls_policy_name = "web-tls-${substr(sha256(join(",", local.tls_attributes)), 0, 8)}"
  # PublicKeyPolicyType wants the base64 DER SubjectPublicKeyInfo: the PEM body on one line.
  backend_public_key = join("", [for line in split("\n", trimspace(file("${var.certificate_dir}/backend-public-key.pem"))) : line if !startswith(line, "-----")])
}

resource "aws_iam_server_certificate" "web" {
  name              = "web-certificate"
  certificate_body  = trimspace(file("${var.certificate_dir}/server.pem"))
  private_key       = trimspace(file("${var.certificate_dir}/server.key"))
  certificate_chain = trimspace(file("${var.certificate_dir}/chain.pem"))
}

resource "aws_elb" "web" {
  name               = "web"
  availability_zones = ["us-east-1a"]

  listener {
    lb_port           = 80
    lb_protocol       = "http"
    instance_port     = 8080
    instance_protocol = "http"
  }

  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 443
    instance_protocol  = "https"
    ssl_certificate_id = aws_iam_server_certificate.web.arn
  }

  health_check {
    target              = "HTTP:8080/ping"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }

  idle_timeout                = 60
  connection_draining         = true
  connection_draining_timeout = 300
  cross_zone_load_balancing   = true

  tags = {
    team = "web"
  }
}

resource "aws_load_balancer_policy" "tls" {
  load_balancer_name = aws_elb.web.name
  policy_name        = local.tls_policy_name
  policy_type_name   = "SSLNegotiationPolicyType"

  dynamic "policy_attribute" {
    for_each = local.tls_attributes
    content {
      name  = policy_attribute.value
      value = "true"
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_load_balancer_listener_policy" "https" {
  load_balancer_name = aws_elb.web.name
  load_balancer_port = 443
  policy_names       = [aws_load_balancer_policy.tls.policy_name]
}

resource "aws_load_balancer_policy" "backend_key" {
  load_balancer_name = aws_elb.web.name
  policy_name        = "web-backend-key"
  policy_type_name   = "PublicKeyPolicyType"

  policy_attribute {
    name  = "PublicKey"
    value = local.backend_public_key
  }
}

resource "aws_load_balancer_policy" "backend_auth" {
  load_balancer_name = aws_elb.web.name
  policy_name        = "web-backend-auth"
  policy_type_name   = "BackendServerAuthenticationPolicyType"

  policy_attribute {
    name  = "PublicKeyPolicyName"
    value = aws_load_balancer_policy.backend_key.policy_name
  }
}

resource "aws_load_balancer_backend_server_policy" "https" {
  load_balancer_name = aws_elb.web.name
  instance_port      = 443
  policy_names       = [aws_load_balancer_policy.backend_auth.policy_name]
}

resource "aws_elb_attachment" "web" {
  for_each = toset(var.instances)
  elb      = aws_elb.web.id
  instance = each.value
}

output "dns_name" {
  description = "The load balancer's DNS name as the API reports it."
  value       = aws_elb.web.dns_name
}
